package io.github.camelseedance.simulator;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.github.camelseedance.simulator.video.SyntheticVideoSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SuppressWarnings("unchecked")
class DeliveryTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder().renderTime(Duration.ofSeconds(30))
            .syntheticVideos(5_000).deliveryRetry(4, Duration.ofMillis(20)).build();

    TestReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    TestApi api() {
        return new TestApi(SIM.simulator());
    }

    @Test
    void eachResultIsPostedToTheWebhookAsItsOwnCall() throws Exception {
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 3,
                "webhookURL", receiver.url("/hook?token=secret"));
        api().submit(task);
        SIM.simulator().completeAll();

        await().until(() -> receiver.received().size() == 3);
        List<Map<String, Object>> polled = api().poll((String) task.get("taskUUID")).data();
        List<Object> delivered = new java.util.ArrayList<>();
        for (TestReceiver.Received call : receiver.received()) {
            assertThat(call.method()).isEqualTo("POST");
            Map<String, Object> body = TestApi.MAPPER.readValue(call.text(), Map.class);
            assertThat(body).containsOnlyKeys("data");
            assertThat(body.get("data")).asList().hasSize(1);
            delivered.add(((List<?>) body.get("data")).get(0));
        }
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(polled);
        await().until(() -> SIM.requests().webhookCalls().size() == 3);
        assertThat(SIM.requests().webhookCalls()).allSatisfy(c -> {
            assertThat(c.url()).isEqualTo(receiver.url("/hook?token=secret"));
            assertThat(c.attempt()).isEqualTo(1);
            assertThat(c.status()).isEqualTo(200);
        });
    }

    /**
     * A webhook receiver that holds every request until released, counting those it holds at once; with
     * {@code headersFirst} it answers 200 at once and holds the answer's body instead.
     */
    static final class HeldReceiver implements AutoCloseable {
        final AtomicInteger onTheWay = new AtomicInteger();
        final AtomicInteger mostOnTheWay = new AtomicInteger();
        final AtomicInteger received = new AtomicInteger();
        final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        private final CountDownLatch gate = new CountDownLatch(1);
        private final ExecutorService handlers = Executors.newCachedThreadPool();
        private final HttpServer server;

        HeldReceiver() throws java.io.IOException {
            this(false);
        }

        HeldReceiver(boolean headersFirst) throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(handlers);
            server.createContext("/", exchange -> {
                received.incrementAndGet();
                mostOnTheWay.accumulateAndGet(onTheWay.incrementAndGet(), Math::max);
                clientPorts.add(exchange.getRemoteAddress().getPort());
                exchange.getRequestBody().readAllBytes();
                if (headersFirst) {
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody().flush();
                }
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                onTheWay.decrementAndGet();
                if (!headersFirst) {
                    exchange.sendResponseHeaders(200, -1);
                }
                exchange.close();
            });
            server.start();
        }

        Map<String, Object> task(int results) {
            return TestApi.with(TestApi.videoTask(), "numberResults", results,
                    "webhookURL", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        void release() {
            gate.countDown();
        }

        @Override
        public void close() {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void webhooksAreSentByTheDeliveryThreadsWithoutAThreadPerAnswer() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (TestReceiver many = new TestReceiver();
                RunwareSimulator sim = RunwareSimulator.builder().renderTime(Duration.ofSeconds(30))
                        .syntheticVideos(1_000).deliveryConcurrency(2).build().start()) {
            TestApi api = new TestApi(sim);
            for (int i = 0; i < 20; i++) {
                api.submit(TestApi.with(TestApi.videoTask(), "numberResults", 3, "webhookURL", many.url("/hook")));
            }
            long before = threads.getTotalStartedThreadCount();
            sim.completeAll();

            await().pollInSameThread().until(() -> sim.requests().webhookCalls().size() == 60);
            assertThat(sim.requests().webhookCalls()).extracting(WebhookCall::status).containsOnly(200);
            // at most the 2 delivery threads and the client's 2 executor threads, whatever the number of calls
            assertThat(threads.getTotalStartedThreadCount() - before)
                    .as("threads started while 60 webhooks were sent").isLessThanOrEqualTo(4);
        }
    }

    @Test
    void atMostDeliveryConcurrencyCallsAreOnTheWayAndTheyShareConnections() throws Exception {
        try (HeldReceiver held = new HeldReceiver();
                RunwareSimulator sim = RunwareSimulator.builder().renderTime(Duration.ofSeconds(30))
                        .syntheticVideos(1_000).deliveryConcurrency(2).build().start()) {
            new TestApi(sim).submit(held.task(4));
            new TestApi(sim).submit(held.task(4));
            sim.completeAll();

            await().until(() -> held.onTheWay.get() == 2);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> held.onTheWay.get() == 2);
            held.release();

            await().until(() -> sim.requests().webhookCalls().size() == 8);
            assertThat(sim.requests().webhookCalls()).extracting(WebhookCall::status).containsOnly(200);
            assertThat(held.mostOnTheWay).hasValue(2);
            assertThat(held.clientPorts).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void anAnswerThatNeverEndsGivesUpItsPlaceAtTheDeliveryTimeout() throws Exception {
        try (HeldReceiver stalled = new HeldReceiver(true);
                TestReceiver healthy = new TestReceiver();
                RunwareSimulator sim = RunwareSimulator.builder().renderTime(Duration.ofSeconds(30))
                        .syntheticVideos(1_000).deliveryConcurrency(1).deliveryTimeout(Duration.ofMillis(500))
                        .deliveryRetry(1, Duration.ZERO).build().start()) {
            new TestApi(sim).submit(stalled.task(1));
            sim.completeAll();
            await().until(() -> stalled.onTheWay.get() == 1);
            new TestApi(sim).submit(TestApi.with(TestApi.videoTask(), "webhookURL", healthy.url("/hook")));
            sim.completeAll();

            await().atMost(Duration.ofSeconds(10)).until(() -> sim.requests().webhookCalls().size() == 2);
            assertThat(sim.requests().webhookCalls()).extracting(WebhookCall::status).containsExactlyInAnyOrder(-1,
                    200);
            assertThat(healthy.received()).hasSize(1);
        }
    }

    @Test
    void aResetDropsTheCallsWaitingTheirTurnAndFreesThePlaceOfTheOneOnItsWay() throws Exception {
        try (HeldReceiver held = new HeldReceiver();
                RunwareSimulator sim = RunwareSimulator.builder().renderTime(Duration.ofSeconds(30))
                        .syntheticVideos(1_000).deliveryConcurrency(1).build().start()) {
            new TestApi(sim).submit(held.task(3));
            sim.completeAll();
            await().until(() -> held.onTheWay.get() == 1);

            sim.reset();
            held.release();
            await().until(() -> held.onTheWay.get() == 0);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> held.received.get() == 1);
            assertThat(sim.requests().webhookCalls()).isEmpty();

            new TestApi(sim).submit(held.task(1));
            sim.completeAll();
            await().until(() -> sim.requests().webhookCalls().size() == 1);
            assertThat(held.received).hasValue(2);
            assertThat(sim.requests().webhookCalls().get(0).status()).isEqualTo(200);
        }
    }

    @Test
    void webhookIsRetriedWhileTheReceiverDoesNotAnswer2xx() {
        receiver.answering(500, 503);
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "webhookURL", receiver.url("/hook"));
        api().submit(task);
        SIM.simulator().completeAll();

        await().until(() -> SIM.requests().webhookCalls().size() == 3);
        assertThat(SIM.requests().webhookCalls()).extracting(WebhookCall::attempt, WebhookCall::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 500),
                        org.assertj.core.groups.Tuple.tuple(2, 503),
                        org.assertj.core.groups.Tuple.tuple(3, 200));
        assertThat(receiver.received()).hasSize(3).extracting(TestReceiver.Received::text).containsOnly(
                SIM.requests().webhookCalls().get(0).body());
    }

    @Test
    void webhookAttemptsAreBounded() {
        receiver.answering(500, 500, 500, 500, 500, 500);
        api().submit(TestApi.with(TestApi.videoTask(), "webhookURL", receiver.url("/hook")));
        SIM.simulator().completeAll();

        await().until(() -> SIM.requests().webhookCalls().size() == 4);
        assertThat(SIM.requests().webhookCalls()).extracting(WebhookCall::attempt).containsExactly(1, 2, 3, 4);
        await().during(Duration.ofMillis(300)).until(() -> receiver.received().size() == 4);
    }

    @Test
    void resetAbandonsDeliveriesInProgress() {
        receiver.answering(500, 500, 500, 500);
        try (RunwareSimulator sim = RunwareSimulator.builder().syntheticVideos(10)
                .deliveryRetry(4, Duration.ofMillis(500)).build().start()) {
            new TestApi(sim).submit(TestApi.with(TestApi.videoTask(), "webhookURL", receiver.url("/hook")));
            sim.completeAll();
            await().until(() -> sim.requests().webhookCalls().size() == 1);

            sim.reset();

            await().during(Duration.ofMillis(800)).until(() -> sim.requests().webhookCalls().isEmpty());
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void webhookToAReceiverThatIsDownIsRecordedWithoutStatus() {
        String deadUrl = receiver.url("/hook");
        receiver.close();
        api().submit(TestApi.with(TestApi.videoTask(), "webhookURL", deadUrl));
        SIM.simulator().completeAll();

        await().until(() -> SIM.requests().webhookCalls().size() == 4);
        assertThat(SIM.requests().webhookCalls()).extracting(WebhookCall::status).containsOnly(-1);
    }

    @Test
    void failedTaskPostsItsErrorToTheWebhook() throws Exception {
        SIM.faults().failNextTasks("providerError", 1);
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "webhookURL", receiver.url("/hook"));
        api().submit(task);
        SIM.simulator().completeAll();

        await().until(() -> receiver.received().size() == 1);
        Map<String, Object> body = TestApi.MAPPER.readValue(receiver.received().get(0).text(), Map.class);
        assertThat(body.get("errors")).asList().singleElement().satisfies(e -> assertThat((Map<String, Object>) e)
                .containsEntry("code", "providerError").containsEntry("taskUUID", task.get("taskUUID")));
    }

    @Test
    void lostWebhooksAreNeverSentAndDuplicatedOnesTwice() {
        SIM.faults().webhookLossRate(1.0);
        api().submit(TestApi.with(TestApi.videoTask(), "webhookURL", receiver.url("/lost")));
        SIM.simulator().completeAll();
        SIM.faults().webhookLossRate(0).webhookDuplicateRate(1.0);
        api().submit(TestApi.with(TestApi.videoTask(), "webhookURL", receiver.url("/twice")));
        SIM.simulator().completeAll();

        await().until(() -> receiver.received().size() == 2);
        assertThat(receiver.received()).extracting(TestReceiver.Received::path).containsOnly("/twice");
        assertThat(SIM.requests().webhookCalls()).hasSize(2);
    }

    @Test
    void finishedFileIsPutToTheUploadEndpoint() throws Exception {
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "uploadEndpoint",
                receiver.url("/bucket/v.mp4?sig=1"));
        api().submit(task);
        SIM.simulator().completeAll();

        await().until(() -> receiver.received().size() == 1);
        TestReceiver.Received put = receiver.received().get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.contentLength()).isEqualTo(5_000);
        String videoUUID = (String) api().poll((String) task.get("taskUUID")).data().get(0).get("videoUUID");
        try (InputStream expected = new SyntheticVideoSource().open(videoUUID, 5_000)) {
            assertThat(put.body()).isEqualTo(expected.readAllBytes());
        }
        await().until(() -> SIM.requests().uploadCalls().size() == 1);
        assertThat(SIM.requests().uploadCalls().get(0)).isEqualTo(
                new UploadCall(receiver.url("/bucket/v.mp4?sig=1"), 5_000, 1, 200));
    }

    @Test
    void uploadIsRetriedOnNon2xx() {
        receiver.answering(503);
        api().submit(TestApi.with(TestApi.videoTask(), "uploadEndpoint", receiver.url("/bucket/v.mp4")));
        SIM.simulator().completeAll();

        await().until(() -> SIM.requests().uploadCalls().size() == 2);
        assertThat(SIM.requests().uploadCalls()).extracting(UploadCall::status).containsExactly(503, 200);
        assertThat(receiver.received()).allSatisfy(r -> assertThat(r.body()).hasSize(5_000));
    }
}
