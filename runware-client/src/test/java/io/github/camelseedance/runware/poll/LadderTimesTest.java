package io.github.camelseedance.runware.poll;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ladder's poll times are counted from when each poll was due, not from when its answer came: answers that take
 * a while do not push every later poll of a task back, while a slow answer still leaves half an interval of rest.
 */
class LadderTimesTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 7 * SECOND;

    private static TrackedTask task(double multiplier) {
        WaitPolicy policy = new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), multiplier,
                Duration.ofSeconds(4), Duration.ofMinutes(5));
        return new TrackedTask("task", 1, policy, null, null, START);
    }

    /** Polls the task when due, answered {@code answerNanos} later; the times it was polled, from the start. */
    private static long[] pollTimes(TrackedTask task, long answerNanos, int polls) {
        long[] times = new long[polls];
        for (int i = 0; i < polls; i++) {
            long due = task.nextDue;
            times[i] = due - START;
            task.startPoll(due);
            task.polling = false;
            task.scheduleNextPoll(due + answerNanos);
        }
        return times;
    }

    @Test
    void answersThatTakeAWhileDoNotPushTheLadderBack() {
        assertThat(pollTimes(task(1.0), 300_000_000L, 5)).containsExactly(SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND,
                5 * SECOND);
        assertThat(pollTimes(task(2.0), 300_000_000L, 4)).containsExactly(SECOND, 2 * SECOND, 4 * SECOND, 8 * SECOND);
    }

    @Test
    void aSlowAnswerLeavesHalfAnIntervalOfRestBeforeTheNextPoll() {
        assertThat(pollTimes(task(1.0), 800_000_000L, 3)).containsExactly(SECOND, 2_300_000_000L, 3_600_000_000L);
    }
}
