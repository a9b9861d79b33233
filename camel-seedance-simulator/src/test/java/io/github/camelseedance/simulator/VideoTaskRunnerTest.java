package io.github.camelseedance.simulator;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.camelseedance.simulator.video.VideoFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class VideoTaskRunnerTest {

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final FaultPlan faults = new FaultPlan(1);
    final MediaStore media = new MediaStore("http://127.0.0.1:1/media/");
    final RequestJournal journal = new RequestJournal(10);
    final OutgoingDeliveries deliveries = new OutgoingDeliveries(HttpClient.newHttpClient(), Runnable::run, scheduler,
            journal, faults, 1, Duration.ZERO, RunwareSimulator.DEFAULT_DELIVERY_TIMEOUT);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    VideoTaskRunner runner(Duration retention) {
        ProtocolSettings settings = new ProtocolSettings(false, false, true, false, "taskNotFound",
                GetResponseBatching.ALL, SingularErrors.REQUEST_ERRORS, ResultErrorForm.ERRORS_ENTRY, retention, 1);
        return new VideoTaskRunner(scheduler, faults, media, new VideoOutputs(10, null), deliveries, journal,
                settings, Duration.ofMinutes(1), Duration.ZERO);
    }

    static ValidatedVideoTask task(Duration ttl, int results) {
        ModelRules mini = ModelRules.find("bytedance:seedance@2.0-mini").orElseThrow();
        return new ValidatedVideoTask(UUID.randomUUID().toString(), mini, "prompt", Resolution.R480P,
                new Resolution.VideoSize(864, 496), 4, results, VideoFormat.MP4, false, ttl, null, null, true, false,
                ValidatedVideoTask.FrameImages.NONE);
    }

    @Test
    void getResponseForgetsAFinishedTaskAfterItsTtlAndGetTaskDetailsAfterTheRetention() {
        VideoTaskRunner runner = runner(Duration.ofMillis(800));
        ValidatedVideoTask task = task(Duration.ofMillis(300), 2);
        assertThat(runner.start(task, Map.of())).isTrue();
        runner.completeAll();
        assertThat(runner.find(task.taskUUID())).get().extracting(VideoTask::state).isEqualTo("success");

        await().until(() -> runner.find(task.taskUUID()).isEmpty());
        assertThat(runner.findDetails(task.taskUUID())).isPresent();
        assertThat(runner.start(task, Map.of())).as("the uuid is still in use").isFalse();

        await().until(() -> runner.findDetails(task.taskUUID()).isEmpty());
        runner.purgeForgotten();
        assertThat(runner.isKnown(task.taskUUID())).isFalse();
        assertThat(runner.start(task, Map.of())).isTrue();
    }

    @Test
    void runningTaskIsKept() {
        VideoTaskRunner runner = runner(Duration.ZERO);
        ValidatedVideoTask task = task(Duration.ZERO, 1);
        runner.start(task, Map.of());
        assertThat(runner.isKnown(task.taskUUID())).isTrue();
        assertThat(runner.start(task, Map.of())).isFalse();
        runner.purgeForgotten();
        assertThat(runner.find(task.taskUUID())).isPresent();
    }

    @Test
    void drawnUuidsAreVersion4() {
        String uuid = VideoTaskRunner.uuidV4(new java.util.Random(5));
        assertThat(UUID.fromString(uuid).version()).isEqualTo(4);
        assertThat(UUID.fromString(uuid).variant()).isEqualTo(2);
    }
}
