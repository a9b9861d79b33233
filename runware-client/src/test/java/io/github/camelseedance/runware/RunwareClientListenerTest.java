package io.github.camelseedance.runware;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelseedance.runware.RunwareClientListener.RequestKind;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The client tells its listener every HTTP answer by kind and status, every retry and every download's size. */
class RunwareClientListenerTest {

    private static final long VIDEO_BYTES = 20_000;

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(100)).syntheticVideos(VIDEO_BYTES).seed(3L).build();

    @TempDir
    Path dir;

    @Test
    void hearsAnswersRetriesAndDownloads() throws Exception {
        Heard heard = new Heard();
        try (SimulatorClients clients = new SimulatorClients();
                RunwareClient client = new RunwareClient(RunwareClientConfig.builder().baseUrl(SIM.baseUrl())
                        .apiKey(SIM.apiKey()).scheduler(clients.scheduler()).retryPolicy(SimulatorClients.QUICK_RETRIES)
                        .listener(heard).build())) {
            SIM.faults().failNextRequests(503, 1);
            VideoInferenceRequest request = VideoInferenceRequest.builder().set("positivePrompt", "A listening owl")
                    .set("width", 864).set("height", 496).set("duration", 4).build();
            client.submit(request).get(10, TimeUnit.SECONDS);
            TaskStatus done = await().until(() -> client.getResponses(List.of(request.taskUUID())).get()
                    .get(request.taskUUID()), TaskStatus::isFinal);
            DownloadedFile file = client.download(done.items().get(0).videoURL(), dir.resolve("owl.mp4"))
                    .get(10, TimeUnit.SECONDS);

            int apiRequests = SIM.requests().apiRequests().size();
            assertThat(heard.count(RequestKind.API, 503)).isEqualTo(1);
            assertThat(heard.count(RequestKind.API, 200)).isEqualTo(apiRequests - 1);
            assertThat(heard.retries.get(RequestKind.API).get()).isEqualTo(1);
            assertThat(heard.count(RequestKind.DOWNLOAD, 200)).isEqualTo(SIM.requests().mediaDownloads());
            assertThat(heard.bytes.get()).isEqualTo(file.size()).isEqualTo(VIDEO_BYTES);
        }
    }

    @Test
    void hearsARefusedKey() throws Exception {
        Heard heard = new Heard();
        try (SimulatorClients clients = new SimulatorClients();
                RunwareClient client = new RunwareClient(RunwareClientConfig.builder().baseUrl(SIM.baseUrl())
                        .apiKey("not-the-key").scheduler(clients.scheduler())
                        .retryPolicy(SimulatorClients.QUICK_RETRIES).listener(heard).build())) {
            SimulatorClients.failureOf(client.getResponses(List.of("5c8f6a4e-2b1d-4c3a-9e7f-0a1b2c3d4e5f")));
            assertThat(heard.count(RequestKind.API, 401)).isEqualTo(1);
            assertThat(heard.retries.get(RequestKind.API).get()).isZero();
        }
    }

    private static final class Heard implements RunwareClientListener {
        final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        final Map<RequestKind, AtomicLong> retries = Map.of(RequestKind.API, new AtomicLong(), RequestKind.DOWNLOAD,
                new AtomicLong());
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void answered(RequestKind kind, int httpStatus) {
            answers.computeIfAbsent(kind + "/" + httpStatus, k -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public void retrying(RequestKind kind) {
            retries.get(kind).incrementAndGet();
        }

        @Override
        public void downloaded(long size) {
            bytes.addAndGet(size);
        }

        long count(RequestKind kind, int status) {
            AtomicLong n = answers.get(kind + "/" + status);
            return n == null ? 0 : n.get();
        }
    }
}
