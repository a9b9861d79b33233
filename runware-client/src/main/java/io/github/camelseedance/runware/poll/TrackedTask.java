package io.github.camelseedance.runware.poll;

import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The wait state of one task in a {@link VideoTaskTracker}; guarded by the tracker's lock. */
final class TrackedTask {

    /** How many {@code NOT_FOUND} answers in a row end the wait. */
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
     * Adds the results a status reports to those already known (from polls or webhooks) and answers the status with
     * all of them: results that arrive one by one, by any route, add up.
     */
    TaskStatus merge(TaskStatus status) {
        for (VideoItem item : status.items()) {
            items.putIfAbsent(item.videoUUID() != null ? item.videoUUID() : String.valueOf(item.videoURL()), item);
        }
        TaskState state = status.state() == TaskState.PROCESSING && items.size() >= expectedResults
                ? TaskState.SUCCESS
                : status.state();
        return new TaskStatus(taskUUID, state, status.progress(), List.copyOf(items.values()), status.error());
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
