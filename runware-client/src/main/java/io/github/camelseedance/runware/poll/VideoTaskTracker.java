package io.github.camelseedance.runware.poll;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;


/**
 * Waits for many video tasks with ONE poll loop: a single timer on the scheduler, re-armed for the earliest time any
 * task needs attention, polls every due task (batched into {@code getResponse} requests of at most
 * {@code maxBatchSize} uuids when batching is on, one request per task otherwise). Each task's interval grows per its
 * {@link WaitPolicy} and its wait ends at the policy's timeout. A failed poll never drops a task: it is polled again
 * at its next time. No thread waits for a task.
 */
public final class VideoTaskTracker implements AutoCloseable {

    /** The default largest number of task UUIDs in one batched getResponse request. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 50;

    private static final System.Logger LOG = System.getLogger(VideoTaskTracker.class.getName());

    private final RunwareClient client;
    private final ScheduledExecutorService scheduler;
    private final boolean batchPolling;
    private final int maxBatchSize;
    private final Object lock = new Object();
    private final Map<String, TrackedTask> tasks = new LinkedHashMap<>();
    private final AtomicLong pollRequests = new AtomicLong();
    private volatile Throwable lastPollFailure;
    private ScheduledFuture<?> timer;
    private long timerDue;
    private boolean closed;

    /**
     * Creates a tracker.
     *
     * @param client       the client polling with {@link RunwareClient#getResponses}
     * @param scheduler    runs the poll cycles
     * @param batchPolling whether one request polls several tasks (and tasks due within half an interval join early)
     * @param maxBatchSize the most uuids in one poll request (at least 1)
     */
    public VideoTaskTracker(RunwareClient client, ScheduledExecutorService scheduler, boolean batchPolling,
                            int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.batchPolling = batchPolling;
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Waits for a task.
     *
     * @param  taskUUID         the task (tracking a uuid already tracked returns the existing wait)
     * @param  expectedResults  how many results make the task complete ({@code numberResults})
     * @param  policy           when to poll and how long to wait
     * @param  progressListener gets every non-final status, may be {@code null}
     * @return                  the final status with all expected results; or fails with the task's classified
     *                          {@link RunwareException}, a {@link RunwareTimeoutException} naming the uuid when the
     *                          policy's timeout passes, a {@link RunwareNotFoundException} after
     *                          {@value TrackedTask#NOT_FOUND_LIMIT} {@code NOT_FOUND} answers in a row, or a
     *                          {@link CancellationException} when the tracker closes
     */
    public CompletableFuture<TaskStatus> track(String taskUUID, int expectedResults, WaitPolicy policy,
                                               Consumer<TaskStatus> progressListener) {
        return track(taskUUID, expectedResults, policy, progressListener, true);
    }

    /**
     * Waits for a task whose submit is still on its way, as a task that may finish by webhook before its submit is
     * answered must: like {@link #track}, except that {@code NOT_FOUND} answers count against the task only once
     * {@code submitted} has completed normally. Before that, the task may simply not have reached Runware yet.
     *
     * @param  taskUUID         the task (tracking a uuid already tracked returns the existing wait)
     * @param  expectedResults  how many results make the task complete ({@code numberResults})
     * @param  policy           when to poll and how long to wait
     * @param  progressListener gets every non-final status, may be {@code null}
     * @param  submitted        completes when Runware has acknowledged the submit
     * @return                  the wait, as {@link #track} gives it
     */
    public CompletableFuture<TaskStatus> trackBeforeSubmit(String taskUUID, int expectedResults, WaitPolicy policy,
                                                           Consumer<TaskStatus> progressListener,
                                                           CompletionStage<?> submitted) {
        CompletableFuture<TaskStatus> wait = track(taskUUID, expectedResults, policy, progressListener, false);
        submitted.whenComplete((ack, failure) -> {
            if (failure == null) {
                synchronized (lock) {
                    TrackedTask task = tasks.get(taskUUID);
                    if (task != null && task.future == wait) {
                        task.submitAcknowledged = true;
                    }
                }
            }
        });
        return wait;
    }

    private CompletableFuture<TaskStatus> track(String taskUUID, int expectedResults, WaitPolicy policy,
                                                Consumer<TaskStatus> progressListener, boolean submitAcknowledged) {
        Objects.requireNonNull(taskUUID, "taskUUID");
        Objects.requireNonNull(policy, "policy");
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new CancellationException("VideoTaskTracker is closed"));
            }
            TrackedTask existing = tasks.get(taskUUID);
            if (existing != null) {
                return existing.future;
            }
            long now = System.nanoTime();
            TrackedTask task = new TrackedTask(taskUUID, Math.max(1, expectedResults), policy, progressListener, now);
            task.submitAcknowledged = submitAcknowledged;
            tasks.put(taskUUID, task);
            task.future.whenComplete((status, error) -> forgetIfCancelled(task));
            rearm(now);
            return task.future;
        }
    }

    /**
     * Takes a status that arrived another way than a poll (a webhook delivery): its results add to the task's, and the
     * wait completes when all expected results are in, or fails when the status is an error.
     *
     * @param  status the status, one or more results of one task
     * @return        whether a wait for that task took it ({@code false} when the task is not tracked here)
     */
    public boolean offer(TaskStatus status) {
        Objects.requireNonNull(status, "status");
        List<Runnable> outcomes = new ArrayList<>();
        synchronized (lock) {
            TrackedTask task = tasks.get(status.taskUUID());
            if (task == null) {
                return false;
            }
            judge(task, status, outcomes);
            if (!closed) {
                rearm(System.nanoTime());
            }
        }
        outcomes.forEach(Runnable::run);
        return true;
    }

    /** @return whether a wait for that task is in progress here */
    public boolean isTracked(String taskUUID) {
        synchronized (lock) {
            return tasks.containsKey(taskUUID);
        }
    }

    /** @return the number of tasks being waited for */
    public int inFlight() {
        synchronized (lock) {
            return tasks.size();
        }
    }

    /** @return why the last poll request failed (after its retries), or {@code null} when it succeeded */
    public Throwable lastPollFailure() {
        return lastPollFailure;
    }

    /** @return the poll requests sent so far */
    public long pollRequests() {
        return pollRequests.get();
    }

    /** Stops polling and fails every pending wait with a {@link CancellationException}. */
    @Override
    public void close() {
        List<TrackedTask> pending;
        synchronized (lock) {
            closed = true;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            pending = new ArrayList<>(tasks.values());
            tasks.clear();
        }
        pending.forEach(t -> t.future.completeExceptionally(new CancellationException(
                "VideoTaskTracker closed while waiting for task " + t.taskUUID)));
    }

    private void forgetIfCancelled(TrackedTask task) {
        if (task.future.isCancelled()) {
            synchronized (lock) {
                tasks.remove(task.taskUUID, task);
            }
        }
    }

    /** One cycle: end the waits past their timeout, poll every due task. Runs on the scheduler. */
    private void cycle() {
        List<Runnable> outcomes = new ArrayList<>();
        List<List<String>> batches = new ArrayList<>();
        synchronized (lock) {
            timer = null;
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            expire(now, outcomes);
            boolean anyDue = tasks.values().stream().anyMatch(t -> t.pollableAt(now, false));
            if (anyDue) {
                List<String> due = new ArrayList<>();
                for (TrackedTask task : tasks.values()) {
                    if (task.pollableAt(now, batchPolling)) {
                        task.polling = true;
                        due.add(task.taskUUID);
                    }
                }
                int size = batchPolling ? maxBatchSize : 1;
                for (int from = 0; from < due.size(); from += size) {
                    batches.add(List.copyOf(due.subList(from, Math.min(due.size(), from + size))));
                }
            }
            rearm(now);
        }
        outcomes.forEach(Runnable::run);
        batches.forEach(this::poll);
    }

    private void poll(List<String> batch) {
        pollRequests.incrementAndGet();
        CompletableFuture<Map<String, TaskStatus>> answer;
        try {
            answer = client.getResponses(batch);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((statuses, error) -> onAnswer(batch, statuses, error));
    }

    private void onAnswer(List<String> batch, Map<String, TaskStatus> statuses, Throwable error) {
        List<Runnable> outcomes = new ArrayList<>();
        synchronized (lock) {
            long now = System.nanoTime();
            lastPollFailure = error == null ? null : RunwareClient.unwrap(error);
            if (error != null) {
                LOG.log(System.Logger.Level.DEBUG, "Poll of {0} task(s) failed, polling them again later: {1}",
                        batch.size(), lastPollFailure.toString());
            }
            for (String uuid : batch) {
                TrackedTask task = tasks.get(uuid);
                if (task == null) {
                    continue;
                }
                task.polling = false;
                task.scheduleNextPoll(now);
                if (error == null) {
                    judge(task, statuses.get(uuid), outcomes);
                }
            }
            expire(now, outcomes);
            if (!closed) {
                rearm(now);
            }
        }
        outcomes.forEach(Runnable::run);
    }

    /** Decides what a status means for a task; completions are added to {@code outcomes}, run outside the lock. */
    private void judge(TrackedTask task, TaskStatus answered, List<Runnable> outcomes) {
        if (answered == null) {
            return;
        }
        TaskStatus status = task.merge(answered);
        task.lastState = status.state();
        if (status.state() == TaskState.ERROR) {
            RunwareException failure = status.error() != null ? status.error()
                    : RunwareException.from(RunwareError.of(null, "task failed", task.taskUUID), 0);
            finish(task, outcomes, () -> task.future.completeExceptionally(failure));
        } else if (status.state() == TaskState.NOT_FOUND) {
            if (!task.submitAcknowledged) {
                return;
            }
            task.notFoundInARow++;
            if (task.notFoundInARow >= TrackedTask.NOT_FOUND_LIMIT) {
                RunwareException failure = status.error() != null ? status.error()
                        : RunwareException.from(RunwareError.of("taskNotFound", "not found", task.taskUUID), 0);
                finish(task, outcomes, () -> task.future.completeExceptionally(failure));
            }
        } else if (status.isFinal(task.expectedResults)) {
            finish(task, outcomes, () -> task.future.complete(status));
        } else {
            task.notFoundInARow = 0;
            if (task.progressListener != null) {
                outcomes.add(() -> notifyProgress(task, status));
            }
        }
    }

    private static void notifyProgress(TrackedTask task, TaskStatus status) {
        try {
            task.progressListener.accept(status);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Progress listener of task " + task.taskUUID + " failed", e);
        }
    }

    private void finish(TrackedTask task, List<Runnable> outcomes, Runnable completion) {
        tasks.remove(task.taskUUID);
        outcomes.add(completion);
    }

    private void expire(long now, List<Runnable> outcomes) {
        for (TrackedTask task : List.copyOf(tasks.values())) {
            if (now - task.deadline >= 0) {
                RunwareTimeoutException timeout = RunwareTimeoutException.waitTimeout(task.taskUUID,
                        task.policy.timeout(), task.lastState);
                finish(task, outcomes, () -> task.future.completeExceptionally(timeout));
            }
        }
    }

    /** Arms the one timer for the earliest time a task needs attention, unless it already fires by then. */
    private void rearm(long now) {
        if (tasks.isEmpty()) {
            cancelTimer();
            return;
        }
        long earliest = Long.MAX_VALUE;
        for (TrackedTask task : tasks.values()) {
            earliest = Math.min(earliest, task.nextAttention());
        }
        if (timer != null && !timer.isDone() && timerDue - earliest <= 0) {
            return;
        }
        cancelTimer();
        timerDue = earliest;
        try {
            timer = scheduler.schedule(this::cycle, Math.max(0, earliest - now), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            List<TrackedTask> stranded = new ArrayList<>(tasks.values());
            tasks.clear();
            stranded.forEach(t -> t.future.completeExceptionally(e));
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
