package io.github.camelseedance.seedance;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.camelseedance.runware.DownloadLimiter;
import io.github.camelseedance.seedance.monitor.SeedanceReport;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The number of downloads at once adapts to a slow video server (one whose every GET takes a while, however many run
 * at once, so more at once means more throughput): it rises above its start while the throughput rises, never above
 * its cap, falls after the server answers 503, and holds no thread per download. The fixed option stays fixed.
 */
class SeedanceAdaptiveDownloadsTest {

    private static final int SIZE = 32 * 1024;
    private static final int CHUNKS = 8;
    private static final long CHUNK_PAUSE_MILLIS = 40;
    private static final int CAP = 16;

    @TempDir
    Path temp;

    private HttpServer server;
    private ThreadPoolExecutor serverThreads;
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    /** Until when (System.nanoTime) every GET is answered 503, once set. */
    private volatile Long failingUntil;
    /** For every GET, in the order they came: the GETs running at once when it came, and whether it failed. */
    private final List<int[]> gets = new CopyOnWriteArrayList<>();
    private CamelContext context;

    @BeforeEach
    void startVideoServer() throws IOException {
        serverThreads = new ThreadPoolExecutor(64, 64, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                runnable -> new Thread(runnable, "video-server"));
        serverThreads.prestartAllCoreThreads();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(serverThreads);
        server.createContext("/videos/", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        server.stop(0);
        serverThreads.shutdownNow();
    }

    /**
     * Answers a video slowly, or 503 while failing. A GET stops counting as running before its last bytes go out, so
     * that the client can never start its next GET while this one still counts.
     */
    private void serve(HttpExchange http) throws IOException {
        int now = concurrent.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        boolean running = true;
        try (http) {
            Long until = failingUntil;
            boolean fail = until != null && System.nanoTime() - until < 0;
            gets.add(new int[]{ now, fail ? 1 : 0 });
            if (fail) {
                concurrent.decrementAndGet();
                running = false;
                http.sendResponseHeaders(503, -1);
                return;
            }
            http.getResponseHeaders().set("Content-Type", "video/mp4");
            http.sendResponseHeaders(200, SIZE);
            OutputStream body = http.getResponseBody();
            byte[] chunk = new byte[SIZE / CHUNKS];
            for (int i = 0; i < CHUNKS - 1; i++) {
                body.write(chunk);
                body.flush();
                Thread.sleep(CHUNK_PAUSE_MILLIS);
            }
            concurrent.decrementAndGet();
            running = false;
            body.write(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (running) {
                concurrent.decrementAndGet();
            }
        }
    }

    @Test
    void downloadsAtOnceRiseWithTheThroughputAndFallAfterErrors() throws Exception {
        SeedanceComponent component = startComponent(true, CAP);
        DownloadLimiter limiter = component.runtime().downloadLimiter();
        AsyncProducer producer = downloadProducer();
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        long startedBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

        List<Exchange> first = download(producer, 200, "a");
        await().atMost(Duration.ofSeconds(30)).until(() -> peak.get() > DownloadLimiter.ADAPTIVE_START);
        List<Thread> threadsWhileMany = newThreads(threadsBefore);
        int downloadsWhileMany = concurrent.get();
        awaitDone(first);

        assertThat(peak.get())
                .as("GETs at once: above the start of %d, at most the cap", DownloadLimiter.ADAPTIVE_START)
                .isGreaterThan(DownloadLimiter.ADAPTIVE_START).isLessThanOrEqualTo(CAP);
        assertThat(limiter.peakActive()).isEqualTo(peak.get());
        assertThat(threadsWhileMany).as("component threads with %d downloads running", downloadsWhileMany)
                .hasSizeLessThanOrEqualTo(16);
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - startedBefore;
        assertThat(started).as("threads started for 200 downloads (the component's pools, Awaitility's)")
                .isLessThan(24);
        assertThat(first).allSatisfy(exchange -> {
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(SIZE);
        });

        // the server answers 503 for a second: the limiter halves, and the GETs after the failures run fewer at once
        int limitBefore = limiter.limit();
        assertThat(limitBefore).isGreaterThan(DownloadLimiter.ADAPTIVE_START);
        int getsBefore = gets.size();
        failingUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        List<Exchange> second = download(producer, 60, "b");
        awaitDone(second);

        assertThat(second).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        List<int[]> afterwards = gets.subList(getsBefore, gets.size());
        int lastFailure = 0;
        for (int i = 0; i < afterwards.size(); i++) {
            if (afterwards.get(i)[1] == 1) {
                lastFailure = i;
            }
        }
        int peakRightAfterFailures = afterwards.subList(lastFailure + 1, Math.min(afterwards.size(), lastFailure + 11))
                .stream().mapToInt(get -> get[0]).max().orElseThrow();
        assertThat(peakRightAfterFailures).as("GETs at once right after the 503s (limit before them: %d)", limitBefore)
                .isLessThan(limitBefore);
        assertThat(newThreads(threadsBefore)).hasSizeLessThanOrEqualTo(16);
        JsonObject slots = (JsonObject) SeedanceReport.json("seedance", component).get("downloadSlots");
        assertThat(slots).containsEntry("adaptive", true).containsEntry("max", CAP).containsEntry("active", 0)
                .containsEntry("waiting", 0).containsEntry("peakActive", peak.get());
        System.out.printf("Adaptive downloads against a slow server: GETs at once peaked at %d (start %d, cap %d, "
                          + "limit %d before the 503s); right after a second of 503s at most %d at once; %d threads "
                          + "started for the first 200 downloads, %d component threads while many ran%n",
                peak.get(), DownloadLimiter.ADAPTIVE_START, CAP, limitBefore, peakRightAfterFailures, started,
                threadsWhileMany.size());
        producer.stop();
    }

    @Test
    void aFixedNumberStaysFixed() throws Exception {
        SeedanceComponent component = startComponent(false, 3);
        AsyncProducer producer = downloadProducer();

        List<Exchange> exchanges = download(producer, 40, "c");
        awaitDone(exchanges);

        assertThat(exchanges).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(peak.get()).isEqualTo(3);
        assertThat(component.runtime().downloadLimiter().limit()).isEqualTo(3);
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().contains("SeedanceDownload"))).as("download threads").hasSize(3);
        producer.stop();
    }

    private SeedanceComponent startComponent(boolean adaptive, int max) {
        context = new DefaultCamelContext();
        SeedanceComponent component = SimulatedSeedance.component("http://127.0.0.1:1/v1", "unused-key", 100);
        component.setAdaptiveDownloads(adaptive);
        component.setMaxConcurrentDownloads(max);
        component.setMaxRetries(10);
        component.setRetryBackoff(20);
        context.addComponent("seedance", component);
        context.start();
        return component;
    }

    private AsyncProducer downloadProducer() throws Exception {
        AsyncProducer producer = context.getEndpoint("seedance:download?tempDirectory=" + temp).createAsyncProducer();
        producer.start();
        return producer;
    }

    private List<Exchange> download(AsyncProducer producer, int videos, String prefix) {
        List<Exchange> exchanges = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(videos);
        for (int i = 0; i < videos; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setHeader(SeedanceConstants.VIDEO_URL,
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/videos/" + prefix + i + ".mp4");
            exchange.setProperty("done", done);
            exchanges.add(exchange);
            producer.process(exchange, doneSync -> done.countDown());
        }
        return exchanges;
    }

    private void awaitDone(List<Exchange> exchanges) throws InterruptedException {
        CountDownLatch done = exchanges.get(0).getProperty("done", CountDownLatch.class);
        assertThat(done.await(20, TimeUnit.SECONDS)).as("all downloads done: %s, %d GETs, %d left, %s",
                ((SeedanceComponent) context.getComponent("seedance")).runtime().downloadLimiter(), gets.size(),
                done.getCount(), exchanges.stream().filter(e -> e.getException() != null).map(Exchange::getException)
                        .findFirst())
                .isTrue();
    }

    /** Threads alive now that were not before, but the video server's and Awaitility's. */
    private static List<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .filter(Thread::isAlive)
                .filter(thread -> !thread.getName().startsWith("video-server")
                                  && !thread.getName().startsWith("awaitility"))
                .toList();
    }
}
