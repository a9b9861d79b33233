package io.github.camelseedance.runware.poll;

import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.SimulatorClients;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tracker keeps one live timer whatever the order of a firing cycle and the calls that move the timer. */
class VideoTaskTrackerTimerTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300)).syntheticVideos(10_000).seed(7L).build();

    @Test
    void aTimerArmedWhileAFiredCycleWaitsForTheLockIsNotOrphaned() throws Exception {
        AtomicReference<Thread> schedulerThread = new AtomicReference<>();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tracker-scheduler");
            schedulerThread.set(t);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        try (SimulatorClients clients = new SimulatorClients();
                RunwareClient client = clients.client(SIM.baseUrl(), SIM.apiKey(), SimulatorClients.QUICK_RETRIES);
                VideoTaskTracker tracker = new VideoTaskTracker(client, scheduler, true, 50)) {
            Field field = VideoTaskTracker.class.getDeclaredField("lock");
            field.setAccessible(true);
            Object lock = field.get(tracker);
            WaitPolicy soon = new WaitPolicy(Duration.ofMillis(100), Duration.ofMillis(100), 1.0,
                    Duration.ofMillis(100), Duration.ofSeconds(30));
            WaitPolicy slow = new WaitPolicy(Duration.ofSeconds(3), Duration.ofSeconds(3), 1.0, Duration.ofSeconds(3),
                    Duration.ofSeconds(30));
            String a = UUID.randomUUID().toString();
            String b = UUID.randomUUID().toString();
            CompletableFuture<Object> never = new CompletableFuture<>();

            synchronized (lock) {
                CompletableFuture<TaskStatus> waitA = tracker.trackBeforeSubmit(a, 1, soon, null, never);
                // the timer for a fires and its cycle waits for the lock
                await().until(() -> schedulerThread.get() != null
                                    && schedulerThread.get().getState() == Thread.State.BLOCKED);
                // a webhook finishes a: no task left, the timer is cancelled; b is tracked: a new timer
                tracker.offer(new TaskStatus(a, TaskState.SUCCESS, null, List.of(new VideoItem(a, 0, "v",
                        URI.create("http://127.0.0.1/v.mp4"), 1L, null, null)), List.of(), null));
                assertThat(waitA).isDone();
                tracker.trackBeforeSubmit(b, 1, slow, null, never);
            }
            await().until(() -> schedulerThread.get().getState() == Thread.State.WAITING
                                || schedulerThread.get().getState() == Thread.State.TIMED_WAITING);

            // one task, one timer
            assertThat(scheduler.getQueue()).hasSize(1);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
