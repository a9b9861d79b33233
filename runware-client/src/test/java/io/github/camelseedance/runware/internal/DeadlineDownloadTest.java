package io.github.camelseedance.runware.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.github.camelseedance.runware.BlockingDownloads;
import io.github.camelseedance.runware.DownloadStream;
import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.RunwareClientConfig;
import io.github.camelseedance.runware.RunwareHttpClients;
import io.github.camelseedance.runware.SimulatorClients;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.VideoItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.camelseedance.runware.SimulatorClients.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A download with a deadline gives up at it even when the body stalls after its headers arrived (where the JDK's
 * request timeout no longer applies), and leaves no file behind: on the client's HTTP client, on a download client
 * that reads on its selector thread ({@link RunwareHttpClients#createForDownloads()}), and read by blocking reads on
 * a download thread ({@link RunwareClientConfig#blockingDownloads()}).
 */
class DeadlineDownloadTest {

    @TempDir
    Path folder;

    private final CountDownLatch released = new CountDownLatch(1);
    private final SimulatorClients clients = new SimulatorClients();
    private HttpServer server;

    @BeforeEach
    void startStallingServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stalled.mp4", exchange -> {
            exchange.sendResponseHeaders(200, 10_000_000);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(new byte[4096]);
                body.flush();
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException e) {
                // the client went away
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
        clients.close();
    }

    @Test
    void aBodyStillArrivingAtTheDeadlineIsCancelledAndDeleted() throws Exception {
        assertCancelledAtTheDeadline(clients.client("http://127.0.0.1:9/v1", "key", SimulatorClients.QUICK_RETRIES));
    }

    @Test
    void aBodyStillArrivingAtTheDeadlineOnADownloadClientIsCancelledAndDeleted() throws Exception {
        assertCancelledAtTheDeadlineOnDownloadThreads(false);
    }

    @Test
    void aBodyStillArrivingAtTheDeadlineOnABlockingDownloadIsCancelledAndDeleted() throws Exception {
        assertCancelledAtTheDeadlineOnDownloadThreads(true);
    }

    @Test
    void aStreamStillArrivingAfterTheDownloadTimeoutFailsItsRead() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stalled.mp4");
        try (RunwareClient client = new RunwareClient(RunwareClientConfig.builder().baseUrl("http://127.0.0.1:9/v1")
                .apiKey("key").scheduler(clients.scheduler()).retryPolicy(SimulatorClients.QUICK_RETRIES)
                .downloadTimeout(Duration.ofMillis(500)).build())) {
            VideoItem video = new VideoItem("task", null, "video", url, null, null, null);
            DownloadStream stream = client.openVideo(video, null).get(10, TimeUnit.SECONDS);
            assertThat(stream.length()).isEqualTo(10_000_000);

            assertThat(stream.readNBytes(4096)).hasSize(4096);
            assertThatThrownBy(stream::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageContaining(url.toString()).hasMessageContaining("4096 of 10000000 bytes")
                    .hasMessageContaining("deadline");
        }
    }

    /** On a download client of its own and a download executor, reading by blocking reads or not. */
    private void assertCancelledAtTheDeadlineOnDownloadThreads(boolean blocking) throws Exception {
        ExecutorService downloadThreads = Executors.newFixedThreadPool(2);
        try {
            assertCancelledAtTheDeadline(
                    new RunwareClient(RunwareClientConfig.builder().baseUrl("http://127.0.0.1:9/v1")
                            .apiKey("key").scheduler(clients.scheduler()).retryPolicy(SimulatorClients.QUICK_RETRIES)
                            .downloadExecutor(downloadThreads)
                            .blockingDownloads(blocking ? new BlockingDownloads(1, clients.scheduler()) : null)
                            .downloadHttpClients(List.of(RunwareHttpClients.createForDownloads())).build()));
        } finally {
            downloadThreads.shutdownNow();
        }
    }

    private void assertCancelledAtTheDeadline(RunwareClient client) throws Exception {
        Path target = folder.resolve("stalled.mp4");
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stalled.mp4");

        Throwable failure = failureOf(client.download(url, target, Instant.now().plus(Duration.ofMillis(500))));

        assertThat(failure).isInstanceOf(RunwareTimeoutException.class).hasMessageContaining("deadline");
        assertThat(((RunwareTimeoutException) failure).code()).isEqualTo(RunwareTimeoutException.CLIENT_WAIT_TIMEOUT);
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling("stalled.mp4.part")).doesNotExist();
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
        client.close();
    }
}
