package io.github.camelseedance.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.camelseedance.simulator.video.VideoFormat;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VideoTaskRunnerTest {

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final FaultPlan faults = new FaultPlan(1);
    final MediaStore media = new MediaStore("http://127.0.0.1:1/media/");
    final OutgoingDeliveries deliveries = new OutgoingDeliveries(HttpClient.newHttpClient(), Runnable::run, scheduler,
            new RequestJournal(10), faults, 1, Duration.ZERO);
    final VideoTaskRunner runner = new VideoTaskRunner(scheduler, faults, media, new VideoOutputs(10, null),
            deliveries, Duration.ofMinutes(1), Duration.ZERO, 1);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    static ValidatedVideoTask task(Duration ttl, int results) {
        ModelRules mini = ModelRules.find("bytedance:seedance@2.0-mini").orElseThrow();
        return new ValidatedVideoTask(UUID.randomUUID().toString(), mini, "prompt", Resolution.R480P,
                new Resolution.VideoSize(864, 496), 4, results, VideoFormat.MP4, false, ttl, null, null);
    }

    @Test
    void finishedTaskAndItsVideosAreForgottenWhenTheTtlRunsOut() {
        ValidatedVideoTask task = task(Duration.ofMillis(500), 2);
        assertThat(runner.start(task)).isTrue();
        runner.completeAll();
        runner.completeAll();
        assertThat(runner.find(task.taskUUID())).get().extracting(VideoTask::state).isEqualTo("success");

        await().until(() -> runner.find(task.taskUUID()).isEmpty());
        assertThat(runner.start(task)).isTrue();
    }

    @Test
    void runningTaskIsKept() {
        ValidatedVideoTask task = task(Duration.ZERO, 1);
        runner.start(task);
        assertThat(runner.isKnown(task.taskUUID())).isTrue();
        assertThat(runner.start(task)).isFalse();
    }

    @Test
    void drawnUuidsAreVersion4() {
        String uuid = VideoTaskRunner.uuidV4(new java.util.Random(5));
        assertThat(UUID.fromString(uuid).version()).isEqualTo(4);
        assertThat(UUID.fromString(uuid).variant()).isEqualTo(2);
    }
}
