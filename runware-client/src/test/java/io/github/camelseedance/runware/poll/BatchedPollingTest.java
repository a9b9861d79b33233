package io.github.camelseedance.runware.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batched polls against one poll per task, in virtual time ({@link VirtualPolling}), for a burst of 100 tasks
 * acknowledged within 0.3 s on a fixed 1 s ladder, as in the benchmark's 100 x 1 MB workload: the same seeded tasks
 * both ways, 40 seeds per render spread. A batch polls the tasks due within its early margin with the one due, so
 * from then on they share its phase: that costs a batch no notice delay on average, but it decides which of the last
 * tasks are seen a step late. When the longest render ends just before a step counted from each task's own
 * acknowledgement (renders of 5 s +- 1 s end by the 6th step), one poll per task sees the last tasks at once and the
 * batch, whose phase is up to 0.3 s earlier for them, a step later; with renders a little longer (+- 1.1 s or
 * 1.25 s) it is the other way round. The test prints both figures; it asserts what batching guarantees: far fewer
 * requests, the last task seen within one interval of one poll per task, and the mean notice delay within 10 %.
 */
class BatchedPollingTest {

    private static final RenderKey KEY = new RenderKey("bytedance:seedance@2.0-mini", "480p", 5);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final WaitPolicy FIXED = new WaitPolicy(INTERVAL, INTERVAL, 1.0, INTERVAL, Duration.ofMinutes(5));
    private static final int SEEDS = 40;

    @ParameterizedTest(name = "renders of 5 s +- {0} ms")
    @ValueSource(ints = { 900, 1000, 1100, 1250 })
    void aBatchSeesTheLastTaskWithinOneIntervalOfOnePollPerTask(int spreadMillis) {
        Burst batched = new Burst();
        Burst alone = new Burst();
        for (long seed = 1; seed <= SEEDS; seed++) {
            List<VirtualPolling.Task> tasks = VirtualPolling.tasks(seed, 100, KEY, Duration.ofMillis(300),
                    Duration.ofSeconds(5), Duration.ofMillis(spreadMillis));
            batched.add(tasks, VideoTaskTracker.DEFAULT_MAX_BATCH_SIZE);
            alone.add(tasks, 1);
        }

        System.out.printf("renders of 5 s +- %d ms, %d bursts of 100: batched %s; one task per request %s%n",
                spreadMillis, SEEDS, batched, alone);
        assertThat(batched.requests).isLessThan(alone.requests / 10);
        assertThat(batched.lastNoticeNanos).isLessThanOrEqualTo(alone.lastNoticeNanos + INTERVAL.toNanos() * SEEDS);
        assertThat(batched.delayNanos).isLessThanOrEqualTo((long) (alone.delayNanos * 1.1));
    }

    /** The sums over the bursts: requests, task polls, notice delays, and the instant the last task was seen. */
    private static final class Burst {
        long requests;
        long polls;
        long delayNanos;
        long lastNoticeNanos;
        int tasks;

        void add(List<VirtualPolling.Task> tasks, int maxBatchSize) {
            List<List<Long>> pollTimes = new ArrayList<>();
            VirtualPolling.Result result = new VirtualPolling(FIXED, maxBatchSize).run(tasks, PollSchedule.fixed,
                    pollTimes);
            requests += result.requests();
            polls += result.polls();
            delayNanos += result.delayNanos();
            this.tasks += result.tasks();
            long last = 0;
            for (int i = 0; i < tasks.size(); i++) {
                List<Long> times = pollTimes.get(i);
                last = Math.max(last, tasks.get(i).submitAt() + times.get(times.size() - 1));
            }
            lastNoticeNanos += last;
        }

        @Override
        public String toString() {
            return String.format("last task seen at %.2f s, mean notice delay %.0f ms, %.2f requests and %.2f polls "
                                 + "per task",
                    lastNoticeNanos / 1e9 / SEEDS, delayNanos / 1e6 / tasks,
                    (double) requests / tasks, (double) polls / tasks);
        }
    }
}
