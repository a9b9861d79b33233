package io.github.camelseedance.runware.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.SimulatorClients;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker's learned schedule against the simulator: render times drawn from one seed, so that each round of
 * tasks renders as the one before; counts of polls, not timings.
 */
class LearnedPollingTrackerTest {

    /** A ladder scaled down from the default: first poll after 100 ms, then 100 ms growing x1.5 up to 500 ms. */
    private static final WaitPolicy LADDER = new WaitPolicy(Duration.ofMillis(100), Duration.ofMillis(100), 1.5,
            Duration.ofMillis(500), Duration.ofSeconds(30));
    private static final int TASKS = 16;

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(1_500)).renderSpread(Duration.ofMillis(300)).syntheticVideos(1_000)
            .seed(21L).build();

    private SimulatorClients clients;
    private RunwareClient client;

    @BeforeEach
    void connect() {
        clients = new SimulatorClients();
        client = clients.client(SIM.baseUrl(), SIM.apiKey(), SimulatorClients.QUICK_RETRIES);
    }

    @AfterEach
    void disconnect() {
        client.close();
        clients.close();
    }

    private static VideoInferenceRequest request(int i) {
        return VideoInferenceRequest.builder().set("positivePrompt", "a harbour at dawn, shot " + i)
                .set("width", 864).set("height", 496).set("duration", 5).build();
    }

    /** Submits the same tasks as every round (the simulator reset to its seed), waits for them: the polls sent. */
    private long round(VideoTaskTracker tracker, PollSchedule schedule) throws Exception {
        SIM.simulator().reset();
        long before = tracker.polls();
        List<CompletableFuture<TaskStatus>> waits = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            VideoInferenceRequest request = request(i);
            String uuid = client.submit(request).get(10, TimeUnit.SECONDS).taskUUID();
            waits.add(tracker.track(uuid, 1, LADDER.withSchedule(schedule, RenderKey.of(request)), null));
        }
        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(waits).allSatisfy(w -> assertThat(w.join().state()).isEqualTo(TaskState.SUCCESS));
        return tracker.polls() - before;
    }

    @Test
    void theLearnedScheduleSendsFewerPollsThanTheLadderForTheSameTasks() throws Exception {
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 50)) {
            long fixed = round(tracker, PollSchedule.fixed);
            RenderKey key = RenderKey.of(request(0));
            assertThat(tracker.renderTimes().estimate(key)).isPresent();

            long learned = round(tracker, PollSchedule.learned);
            long fixedAgain = round(tracker, PollSchedule.fixed);

            System.out
                    .printf("Simulator, %d renders of 1.5 s +- 0.3 s, ladder 100 ms, 100 ms x1.5 up to 500 ms, batched:"
                            + " fixed %.2f polls/task, learned %.2f, fixed again %.2f%n",
                            TASKS, (double) fixed / TASKS, (double) learned / TASKS, (double) fixedAgain / TASKS);
            assertThat(learned).isLessThan(Math.min(fixed, fixedAgain) * 3 / 4);
            assertThat(learned).isGreaterThanOrEqualTo(TASKS);
            assertThat(tracker.renderTimes().estimate(key).orElseThrow().mean())
                    .isBetween(Duration.ofMillis(1_000), Duration.ofMillis(2_500));
        }
    }

    @Test
    void aTaskFarSlowerThanLearnedIsStillPolledUntilItIsDone() throws Exception {
        RenderTimeEstimates estimates = new RenderTimeEstimates();
        RenderKey key = RenderKey.of(request(0));
        for (int i = 0; i < 10; i++) {
            estimates.observe(key, Duration.ofMillis(200));
        }
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 50, estimates)) {
            SIM.simulator().reset();
            String uuid = client.submit(request(0)).get(10, TimeUnit.SECONDS).taskUUID();

            TaskStatus done = tracker.track(uuid, 1, LADDER.withSchedule(PollSchedule.learned, key), null)
                    .get(30, TimeUnit.SECONDS);

            assertThat(done.state()).isEqualTo(TaskState.SUCCESS);
            long polls = SIM.requests().tasks("getResponse").stream().filter(t -> uuid.equals(t.get("taskUUID")))
                    .count();
            assertThat(polls).isEqualTo(tracker.polls()).isGreaterThan(3);
            assertThat(estimates.estimate(key).orElseThrow().mean()).isGreaterThan(Duration.ofMillis(200));
        }
    }

    @Test
    void keysAreTheModelTheResolutionAndTheDuration() {
        VideoInferenceRequest sized = request(0);
        VideoInferenceRequest preset = VideoInferenceRequest.builder().set("positivePrompt", "a harbour")
                .set("resolution", "720p").set("duration", 8).build();

        assertThat(RenderKey.of(sized)).isEqualTo(new RenderKey("bytedance:seedance@2.0-mini", "480p", 5));
        assertThat(RenderKey.of(preset)).isEqualTo(new RenderKey("bytedance:seedance@2.0-mini", "720p", 8));
    }
}
