package io.github.camelseedance.runware.poll;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.FailedResult;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;

/** The wait state of one task in a {@link VideoTaskTracker}; guarded by the tracker's lock. */
final class TrackedTask {

    /** How many {@code NOT_FOUND} answers in a row make the tracker ask getTaskDetails, then end the wait. */
    static final int NOT_FOUND_LIMIT = 3;

    final String taskUUID;
    final int expectedResults;
    final WaitPolicy policy;
    final Consumer<TaskStatus> progressListener;
    final CompletableFuture<TaskStatus> future = new CompletableFuture<>();
    final long deadline;
    long nextDue;
    boolean polling;
    int notFoundInARow;
    /** Whether Runware has acknowledged the task's submit: only then does a {@code NOT_FOUND} answer count. */
    boolean submitAcknowledged;
    TaskState lastState;
    private Duration interval;
    private final Map<String, VideoItem> items = new LinkedHashMap<>();
    private final Map<String, FailedResult> failures = new LinkedHashMap<>();
    /** The most failed results one whole-state answer showed: failures without an index may share a key. */
    private int failuresShown;

    TrackedTask(String taskUUID, int expectedResults, WaitPolicy policy, Consumer<TaskStatus> progressListener,
                long now) {
        this.taskUUID = taskUUID;
        this.expectedResults = expectedResults;
        this.policy = policy;
        this.progressListener = progressListener;
        this.deadline = now + policy.timeout().toNanos();
        this.nextDue = now + policy.initialDelay().toNanos();
        this.interval = policy.interval();
    }

    /**
     * Adds the results a status shows to those already known (from polls or webhooks, by their result key) and
     * answers the task's status with all of them. The task is over when every expected result has succeeded or
     * failed, or when a whole-state answer (a poll: one item per result) shows nothing pending; a part of the state (a
     * webhook delivery) only adds results.
     *
     * @param status     a status of the task (not {@link TaskState#NOT_FOUND})
     * @param wholeState whether the status shows every result of the task
     */
    TaskStatus merge(TaskStatus status, boolean wholeState) {
        status.items().forEach(item -> items.putIfAbsent(item.resultKey(), item));
        status.failures().forEach(failure -> failures.putIfAbsent(failure.resultKey(), failure));
        if (wholeState) {
            failuresShown = Math.max(failuresShown, status.failures().size());
        }
        int finished = items.size() + Math.max(failures.size(), failuresShown);
        boolean over = finished >= expectedResults || wholeState && status.isFinal();
        TaskState state = !over ? TaskState.PROCESSING : items.isEmpty() ? TaskState.ERROR : TaskState.SUCCESS;
        List<FailedResult> failed = List.copyOf(failures.values());
        RunwareException error = state == TaskState.ERROR ? allFailures(failed) : null;
        return new TaskStatus(taskUUID, state, status.progress(), List.copyOf(items.values()), failed, error);
    }

    /** The first failure, the others added to it as suppressed exceptions: every failure of the task in one. */
    private static RunwareException allFailures(List<FailedResult> failed) {
        RunwareException first = failed.get(0).error();
        for (FailedResult other : failed.subList(1, failed.size())) {
            if (other.error() != first && !List.of(first.getSuppressed()).contains(other.error())) {
                first.addSuppressed(other.error());
            }
        }
        return first;
    }

    /** Sets the next poll one interval after {@code now} and grows the interval. */
    void scheduleNextPoll(long now) {
        nextDue = now + interval.toNanos();
        interval = policy.next(interval);
    }

    /** Whether the task may join a poll at {@code now}: due, or (batching) due within half an interval. */
    boolean pollableAt(long now, boolean early) {
        return !polling && nextDue <= now + (early ? interval.toNanos() / 2 : 0);
    }

    /** The earliest time the tracker must look at this task again. */
    long nextAttention() {
        return polling ? deadline : Math.min(nextDue, deadline);
    }
}
