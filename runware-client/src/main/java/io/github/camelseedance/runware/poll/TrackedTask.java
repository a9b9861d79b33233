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
    /** When the wait started: the task's poll times are counted from here. */
    final long startedAt;
    /** When the submit was acknowledged (the start, for a task tracked after that): its render time counts from here. */
    long renderStart;
    long nextDue;
    boolean polling;
    /** When the poll in flight (or the last one) was sent. */
    long pollSentAt;
    /** When the last poll that found the task still running was sent (the start until one did). */
    long runningAt;
    /** Whether the task was asked for with getTaskDetails: its finish then says nothing of its render time. */
    boolean askedDetails;
    /** The polls sent for the task. */
    int pollsSent;
    /** The ladder's polls the task's plans left out. */
    private int saved;
    int notFoundInARow;
    /** Whether Runware has acknowledged the task's submit: only then does a {@code NOT_FOUND} answer count. */
    boolean submitAcknowledged;
    TaskState lastState;
    private PollPlan plan;
    private final Map<String, VideoItem> items = new LinkedHashMap<>();
    private final Map<String, FailedResult> failures = new LinkedHashMap<>();
    /** The most failed results one whole-state answer showed: failures without an index may share a key. */
    private int failuresShown;

    /**
     * @param estimate the render times of the task's key, {@code null} for the policy's ladder alone
     */
    TrackedTask(String taskUUID, int expectedResults, WaitPolicy policy, RenderTimeEstimates.Estimate estimate,
                Consumer<TaskStatus> progressListener, long now) {
        this.taskUUID = taskUUID;
        this.expectedResults = expectedResults;
        this.policy = policy;
        this.progressListener = progressListener;
        this.deadline = now + policy.timeout().toNanos();
        this.startedAt = now;
        this.renderStart = now;
        this.runningAt = now;
        PollPlan learned = estimate != null && followsEstimates()
                ? PollPlan.learned(policy, estimate, now, now, 0)
                : null;
        this.plan = learned != null ? learned : PollPlan.ladder(policy, now);
        if (estimate != null && learned == null) {
            plan.weighed(estimate);
        }
        this.saved = plan.saved();
        this.nextDue = plan.firstDue();
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

    /** A poll of the task is sent at {@code now}. */
    void startPoll(long now) {
        polling = true;
        pollSentAt = now;
        pollsSent++;
    }

    /**
     * Sets the next poll per the plan: on the ladder one interval after the last poll was due (or sent, when it joined
     * a batch early), the next learned time else.
     */
    void scheduleNextPoll(long now) {
        nextDue = plan.nextAfter(nextDue, pollSentAt, now);
    }

    /** Whether the task may join a poll at {@code now}: due, or (batching) due within half its next gap. */
    boolean pollableAt(long now, boolean early) {
        return !polling && nextDue <= now + (early ? plan.earlyMargin() : 0);
    }

    /** @return whether the task asks for a learned schedule (and has a key to learn by) */
    boolean followsEstimates() {
        return policy.schedule() == PollSchedule.learned && policy.renderKey() != null;
    }

    /**
     * A poll answered at {@code now} found the task still running: the finish lies after the poll was sent. A task
     * that follows its key's estimate takes a learned window when the estimate came, or moved, since its plan was
     * weighed, and the window starts after the task's next poll on the ladder; the polls an earlier plan saved stay
     * saved.
     *
     * @param estimate its key's estimate, {@code null} when there is none (yet)
     */
    void sawRunning(RenderTimeEstimates.Estimate estimate, long now) {
        runningAt = pollSentAt;
        if (estimate != null && followsEstimates() && !plan.fits(estimate)) {
            PollPlan learned = PollPlan.learned(policy, estimate, startedAt, now, pollsSent + saved);
            if (learned == null) {
                plan.weighed(estimate);
            } else {
                plan = learned;
                saved += learned.saved();
                nextDue = learned.firstDue();
            }
        }
    }

    /**
     * How long the task rendered, seen done at {@code now}: pushed (a webhook), until now; polled, until the middle
     * of the time between the last poll that saw it running and now, as its finish lies somewhere in between.
     */
    Duration renderTime(long now, boolean pushed) {
        long running = Math.max(runningAt, renderStart);
        long finish = pushed ? now : running + (now - running) / 2;
        return Duration.ofNanos(finish - renderStart);
    }

    /** The earliest time the tracker must look at this task again. */
    long nextAttention() {
        return polling ? deadline : Math.min(nextDue, deadline);
    }
}
