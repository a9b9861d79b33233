package io.github.camelseedance.runware;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpServer;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.model.VideoItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Downloads on HTTP clients of their own ({@link RunwareHttpClients#createForDownloads()}, which read on their
 * selector thread with no pool): each attempt goes to the next client in turn and the files arrive whole
 * ({@code DeadlineDownloadTest} cancels a stalled body on such a client too). With blocking downloads
 * ({@link RunwareClientConfig#blockingDownloads()}) downloads to a file are read on the download threads, with no
 * request through the HTTP client, retried and classified as the others; streams still go through the client. Against
 * a slow server, downloads beyond the blocking threads wait for one while the CPUs are busy and go through the HTTP
 * client while they have room.
 */
class DownloadHttpClientsTest {

    private static final int SIZE = 3 * 1024 * 1024 + 17;
    /** The slow path sends its video in this many chunks, pausing after each: a transfer waiting on the network. */
    private static final int SLOW_CHUNKS = 16;
    private static final long SLOW_PAUSE_MILLIS = 50;

    @TempDir
    Path folder;

    private final SimulatorClients clients = new SimulatorClients();
    private final ExecutorService downloadThreads = Executors.newFixedThreadPool(2);
    private final byte[] video = new byte[SIZE];
    private HttpServer server;
    private final AtomicInteger slowRunning = new AtomicInteger();
    private final AtomicInteger slowPeak = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        for (int i = 0; i < SIZE; i++) {
            video[i] = (byte) (i * 31 + i / 977);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/video.mp4", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, SIZE);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(video);
            }
        });
        server.createContext("/slow.mp4", exchange -> {
            int running = slowRunning.incrementAndGet();
            slowPeak.accumulateAndGet(running, Math::max);
            try (OutputStream body = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, SIZE);
                int chunk = SIZE / SLOW_CHUNKS + 1;
                for (int offset = 0; offset < SIZE; offset += chunk) {
                    body.write(video, offset, Math.min(chunk, SIZE - offset));
                    body.flush();
                    Thread.sleep(SLOW_PAUSE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                slowRunning.decrementAndGet();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
        downloadThreads.shutdownNow();
        clients.close();
    }

    @Test
    void eachDownloadGoesToTheNextClientAndArrivesWhole() throws Exception {
        List<CountingClient> downloadClients = List.of(new CountingClient(), new CountingClient());
        try (RunwareClient client = client(downloadClients)) {
            List<CompletableFuture<?>> downloads = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                downloads.add(client.download(url("/video.mp4"), folder.resolve("video-" + i + ".mp4"), null));
            }
            CompletableFuture.allOf(downloads.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(downloadClients).extracting(counting -> counting.sends.get()).containsExactly(3, 3);
            for (int i = 0; i < 6; i++) {
                assertThat(Arrays.equals(Files.readAllBytes(folder.resolve("video-" + i + ".mp4")), video))
                        .as("video %d arrived whole", i).isTrue();
            }
            try (var files = Files.list(folder)) {
                assertThat(files).as("no .part file left").hasSize(6);
            }
        }
    }

    @Test
    void blockingDownloadsReadOnTheDownloadThreadsWithoutTheHttpClient() throws Exception {
        CountingClient http = new CountingClient();
        try (RunwareClient client = blockingClient(http)) {
            for (int i = 0; i < 3; i++) {
                DownloadedFile file = client.download(url("/video.mp4"), folder.resolve("video-" + i + ".mp4"), null)
                        .get(30, TimeUnit.SECONDS);
                assertThat(file.size()).isEqualTo(SIZE);
                assertThat(file.contentType()).isEqualTo("video/mp4");
                assertThat(Arrays.equals(Files.readAllBytes(file.path()), video)).as("video %d arrived whole", i)
                        .isTrue();
            }

            assertThat(http.sends.get()).as("no GET through the HTTP client").isZero();
            try (var files = Files.list(folder)) {
                assertThat(files).as("no .part file left").hasSize(3);
            }
        }
    }

    @Test
    void whileTheCpusHaveRoomDownloadsBeyondTheBlockingThreadsGoThroughTheHttpClient() throws Exception {
        CountingClient http = new CountingClient();
        BlockingDownloads blocking = new BlockingDownloads(1, clients.scheduler(), () -> 0.1);
        try (RunwareClient client = blockingClient(http, blocking)) {
            downloadSlowVideos(client, 4);

            assertThat(slowPeak.get()).as("more GETs at once than blocking threads").isGreaterThan(1);
            assertThat(blocking.handedOver()).isPositive();
            assertThat((long) http.sends.get()).as("each handed-over download sent by the HTTP client")
                    .isEqualTo(blocking.handedOver());
            assertThat(blocking.blockingReads() + blocking.handedOver()).isEqualTo(4);
        }
    }

    @Test
    void whileTheCpusAreBusyDownloadsWaitForABlockingThread() throws Exception {
        CountingClient http = new CountingClient();
        BlockingDownloads blocking = new BlockingDownloads(1, clients.scheduler(), () -> 0.95);
        try (RunwareClient client = blockingClient(http, blocking)) {
            downloadSlowVideos(client, 4);

            assertThat(slowPeak.get()).as("one GET at a time").isEqualTo(1);
            assertThat(http.sends.get()).isZero();
            assertThat(blocking.blockingReads()).isEqualTo(4);
        }
    }

    @Test
    void onAnIdleHostTheRealLoadLetsDownloadsBeHandedOver() throws Exception {
        CountingClient http = new CountingClient();
        BlockingDownloads blocking = new BlockingDownloads(1, clients.scheduler());
        try (RunwareClient client = blockingClient(http, blocking)) {
            downloadSlowVideos(client, 4);

            assertThat(blocking.handedOver()).as("the slow transfers leave the CPUs idle").isPositive();
            assertThat((long) http.sends.get()).isEqualTo(blocking.handedOver());
        }
    }

    @Test
    void withBlockingDownloadsStreamsStillGoThroughTheHttpClient() throws Exception {
        CountingClient http = new CountingClient();
        try (RunwareClient client = blockingClient(http)) {
            VideoItem item = new VideoItem("task", null, "video", url("/video.mp4"), null, null, null);
            try (DownloadStream stream = client.openVideo(item, null).get(30, TimeUnit.SECONDS)) {
                assertThat(Arrays.equals(stream.readAllBytes(), video)).isTrue();
            }

            assertThat(http.sends.get()).isEqualTo(1);
        }
    }

    @Test
    void aBlockingDownloadIsRetriedAndClassifiedAsThroughTheHttpClient() throws Exception {
        AtomicInteger flakyRequests = new AtomicInteger();
        server.createContext("/flaky.mp4", exchange -> {
            if (flakyRequests.incrementAndGet() == 1) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, SIZE);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(video);
            }
        });
        server.createContext("/gone.mp4", exchange -> {
            byte[] text = "expired".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, text.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(text);
            }
        });
        CountingClient http = new CountingClient();
        try (RunwareClient client = blockingClient(http)) {
            DownloadedFile file = client.download(url("/flaky.mp4"), folder.resolve("flaky.mp4"), null)
                    .get(30, TimeUnit.SECONDS);
            assertThat(Arrays.equals(Files.readAllBytes(file.path()), video)).isTrue();
            assertThat(flakyRequests.get()).as("the 503 retried").isEqualTo(2);

            assertThatThrownBy(() -> client.download(url("/gone.mp4"), folder.resolve("gone.mp4"), null)
                    .get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(RunwareException.class)
                    .satisfies(e -> assertThat(((RunwareException) e).code()).isEqualTo("mediaNotFound"));
            assertThat(folder.resolve("gone.mp4")).doesNotExist();
            assertThat(http.sends.get()).isZero();
        }
    }

    @Test
    void aDownloadClientHandsNothingToAPool() {
        Executor executor = RunwareHttpClients.createForDownloads().executor().orElseThrow();
        Thread[] ranOn = new Thread[1];

        executor.execute(() -> ranOn[0] = Thread.currentThread());

        assertThat(ranOn[0]).as("its executor runs each task on the calling thread").isSameAs(Thread.currentThread());
    }

    private RunwareClient client(List<? extends HttpClient> downloadClients) {
        return new RunwareClient(RunwareClientConfig.builder().baseUrl("http://127.0.0.1:9/v1").apiKey("key")
                .scheduler(clients.scheduler()).retryPolicy(SimulatorClients.QUICK_RETRIES)
                .downloadExecutor(downloadThreads).downloadHttpClients(List.copyOf(downloadClients)).build());
    }

    private RunwareClient blockingClient(HttpClient downloadClient) {
        return blockingClient(downloadClient, new BlockingDownloads(1, clients.scheduler()));
    }

    private RunwareClient blockingClient(HttpClient downloadClient, BlockingDownloads blocking) {
        return new RunwareClient(RunwareClientConfig.builder().baseUrl("http://127.0.0.1:9/v1").apiKey("key")
                .scheduler(clients.scheduler()).retryPolicy(SimulatorClients.QUICK_RETRIES)
                .downloadExecutor(downloadThreads).downloadHttpClients(List.of(downloadClient))
                .downloadLimiter(DownloadLimiter.fixed(4)).blockingDownloads(blocking).build());
    }

    /** Downloads that many videos at once from the slow path, each arriving whole. */
    private void downloadSlowVideos(RunwareClient client, int count) throws Exception {
        List<CompletableFuture<DownloadedFile>> downloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            downloads.add(client.download(url("/slow.mp4"), folder.resolve("slow-" + i + ".mp4"), null));
        }
        for (CompletableFuture<DownloadedFile> download : downloads) {
            assertThat(Arrays.equals(Files.readAllBytes(download.get(30, TimeUnit.SECONDS).path()), video))
                    .as("arrived whole").isTrue();
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** A download client that counts the requests sent through it. */
    private static final class CountingClient extends HttpClient {
        private final HttpClient delegate = RunwareHttpClients.createForDownloads();
        private final AtomicInteger sends = new AtomicInteger();

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            sends.incrementAndGet();
            return delegate.send(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                                HttpResponse.BodyHandler<T> handler) {
            sends.incrementAndGet();
            return delegate.sendAsync(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                                HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> push) {
            sends.incrementAndGet();
            return delegate.sendAsync(request, handler, push);
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return delegate.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return delegate.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return delegate.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return delegate.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return delegate.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return delegate.authenticator();
        }

        @Override
        public Version version() {
            return delegate.version();
        }

        @Override
        public Optional<Executor> executor() {
            return delegate.executor();
        }
    }
}
