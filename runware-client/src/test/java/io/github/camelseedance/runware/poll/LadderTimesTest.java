package io.github.camelseedance.runware.poll;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ladder's poll times are counted from when each poll was due (or sent, when it joined a batch early), not from
 * when its answer came: answers that take a while do not push every later poll of a task back, a poll sent early
 * leaves no gap wider than the ladder's, and a slow answer still leaves half an interval of rest.
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
    void aPollThatJoinedABatchEarlyCountsItsIntervalFromWhenItWasSent() {
        TrackedTask task = task(1.0);
        task.startPoll(START + 600_000_000L);
        task.polling = false;
        task.scheduleNextPoll(START + 700_000_000L);

        assertThat(task.nextDue - START).isEqualTo(1_600_000_000L);
    }

    @Test
    void aSlowAnswerLeavesHalfAnIntervalOfRestBeforeTheNextPoll() {
        assertThat(pollTimes(task(1.0), 800_000_000L, 3)).containsExactly(SECOND, 2_300_000_000L, 3_600_000_000L);
    }
}
