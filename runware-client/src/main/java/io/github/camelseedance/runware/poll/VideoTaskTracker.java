package io.github.camelseedance.runware.poll;

import java.util.ArrayList;
import java.util.Iterator;
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

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.error.ErrorFamily;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.internal.Futures;
import io.github.camelseedance.runware.model.TaskDetails;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;

/**
 * Waits for many video tasks with ONE poll loop: a single timer on the scheduler, re-armed for the earliest time any
 * task needs attention, polls every due task (batched into {@code getResponse} requests of at most
 * {@code maxBatchSize} uuids when batching is on, one request per task otherwise). Each task's interval grows per its
 * {@link WaitPolicy} and its wait ends at the policy's timeout. A failed poll never fails a wait: the task is polled
 * again at its next time, until the deadline. No thread waits for a task.
 * <p>
 * The tracker learns how long the tasks of each {@link RenderKey} render (from their submit's acknowledgement to the
 * poll or webhook that saw them done, see {@link RenderTimeEstimates}); a task whose policy asks for the
 * {@link PollSchedule#learned} schedule is polled around its expected finish once its key has enough observations,
 * on the policy's ladder before.
 * <p>
 * Batching is Runware-undocumented (its SDKs poll one task per request), so the tracker checks every batched answer:
 * a task the answer leaves out (or a batch refused as a whole) is polled alone at once, and after
 * {@value #INCOMPLETE_BATCH_LIMIT} incomplete batched answers batching is turned off for this client's base URL, with
 * one warning.
 */
public final class VideoTaskTracker implements AutoCloseable {

    /** The default largest number of task UUIDs in one batched getResponse request. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 50;
    /** How many incomplete batched answers turn batching off. */
    public static final int INCOMPLETE_BATCH_LIMIT = 3;

    private static final System.Logger LOG = System.getLogger(VideoTaskTracker.class.getName());

    private final RunwareClient client;
    private final ScheduledExecutorService scheduler;
    private final int maxBatchSize;
    private final RenderTimeEstimates renderTimes;
    private final Object lock = new Object();
    private final Map<String, TrackedTask> tasks = new LinkedHashMap<>();
    private final AtomicLong pollRequests = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong incompleteBatchAnswers = new AtomicLong();
    private volatile boolean batchPolling;
    private volatile Throwable lastPollFailure;
    private ScheduledFuture<?> timer;
    private long timerDue;
    /** The number of the timer armed last: a cycle of any other (cancelled too late, or replaced) keeps it. */
    private long armed;
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
        this(client, scheduler, batchPolling, maxBatchSize, new RenderTimeEstimates());
    }

    /**
     * Creates a tracker that learns into the given estimates.
     *
     * @param client       the client polling with {@link RunwareClient#getResponses}
     * @param scheduler    runs the poll cycles
     * @param batchPolling whether one request polls several tasks (and tasks due within half an interval join early)
     * @param maxBatchSize the most uuids in one poll request (at least 1)
     * @param renderTimes  the render times learned, and used by the {@link PollSchedule#learned} schedule
     */
    public VideoTaskTracker(RunwareClient client, ScheduledExecutorService scheduler, boolean batchPolling,
                            int maxBatchSize, RenderTimeEstimates renderTimes) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.batchPolling = batchPolling;
        this.maxBatchSize = maxBatchSize;
        this.renderTimes = Objects.requireNonNull(renderTimes, "renderTimes");
    }

    /**
     * Waits for a task.
     *
     * @param  taskUUID         the task (tracking a uuid already tracked returns the existing wait)
     * @param  expectedResults  how many results make the task complete ({@code numberResults})
     * @param  policy           when to poll and how long to wait
     * @param  progressListener gets every non-final status, may be {@code null}
     * @return                  the final status with every result, successful or failed (at least one succeeded);
     *                          or fails with the first failure of a task none of whose results succeeded (the others
     *                          {@linkplain Throwable#getSuppressed() suppressed} in it), a {@link RunwareTimeoutException}
     *                          naming the uuid when the policy's timeout passes, a {@link RunwareNotFoundException}
     *                          when neither getResponse ({@value TrackedTask#NOT_FOUND_LIMIT} times in a row) nor
     *                          getTaskDetails knows the task, or a {@link CancellationException} when the tracker
     *                          closes
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
                        task.renderStart = System.nanoTime();
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
            TrackedTask task = new TrackedTask(taskUUID, Math.max(1, expectedResults), policy, estimateFor(policy),
                    progressListener, now);
            task.submitAcknowledged = submitAcknowledged;
            tasks.put(taskUUID, task);
            task.future.whenComplete((status, error) -> forgetIfCancelled(task));
            wakeBy(task.nextAttention(), now);
            return task.future;
        }
    }

    /**
     * Takes a part of a task's state that arrived another way than a poll (a webhook delivery): its results add to
     * the task's, and the wait completes when every expected result is in.
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
            judge(task, status, false, outcomes);
            if (!closed) {
                wakeFor(task, System.nanoTime());
            }
        }
        outcomes.forEach(Runnable::run);
        return true;
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

    /** @return the task polls sent so far: the getResponse task objects of every poll request */
    public long polls() {
        return polls.get();
    }

    /** @return the render times learned so far, per render key */
    public RenderTimeEstimates renderTimes() {
        return renderTimes;
    }

    /** @return whether polls are batched now (turned off after {@value #INCOMPLETE_BATCH_LIMIT} incomplete answers) */
    public boolean batchPolling() {
        return batchPolling;
    }

    /** @return the batched answers so far that left a task out, or refused the batch */
    public long incompleteBatchAnswers() {
        return incompleteBatchAnswers.get();
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
    private void cycle(long number) {
        List<Runnable> outcomes = new ArrayList<>();
        List<List<String>> batches = new ArrayList<>();
        synchronized (lock) {
            if (number == armed) {
                timer = null;
            }
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            expire(now, outcomes);
            boolean batching = batchPolling;
            boolean anyDue = false;
            List<TrackedTask> pollable = new ArrayList<>();
            for (TrackedTask task : tasks.values()) {
                if (task.pollableAt(now, batching)) {
                    pollable.add(task);
                    anyDue |= !batching || task.pollableAt(now, false);
                }
            }
            if (anyDue) {
                List<String> due = new ArrayList<>(pollable.size());
                for (TrackedTask task : pollable) {
                    task.startPoll(now);
                    due.add(task.taskUUID);
                }
                int size = batching ? maxBatchSize : 1;
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
        polls.addAndGet(batch.size());
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
            Throwable failure = error == null ? null : Futures.unwrap(error);
            lastPollFailure = failure;
            if (failure != null) {
                LOG.log(System.Logger.Level.DEBUG, "Poll of {0} task(s) failed, polling them again later: {1}",
                        batch.size(), failure.toString());
            }
            List<String> alone = new ArrayList<>();
            List<TrackedTask> answered = new ArrayList<>(batch.size());
            for (String uuid : batch) {
                TrackedTask task = tasks.get(uuid);
                if (task == null) {
                    continue;
                }
                answered.add(task);
                task.polling = false;
                task.scheduleNextPoll(now);
                TaskStatus status = statuses == null ? null : statuses.get(uuid);
                if (status != null) {
                    judge(task, status, true, outcomes);
                } else if (batch.size() > 1 && (failure == null || refusedAsABatch(failure))) {
                    task.startPoll(now);
                    alone.add(uuid);
                }
            }
            if (!alone.isEmpty()) {
                incompleteBatchAnswer(alone.size(), batch.size(), failure);
                alone.forEach(uuid -> outcomes.add(() -> poll(List.of(uuid))));
            }
            if (!closed) {
                answered.forEach(task -> wakeFor(task, now));
            }
        }
        outcomes.forEach(Runnable::run);
    }

    /** A batch refused for what it is (validation), not for a transient reason. */
    private static boolean refusedAsABatch(Throwable failure) {
        return failure instanceof RunwareException runware && runware.family() == ErrorFamily.VALIDATION;
    }

    private void incompleteBatchAnswer(int leftOut, int asked, Throwable failure) {
        long incomplete = incompleteBatchAnswers.incrementAndGet();
        LOG.log(System.Logger.Level.DEBUG, "A batched getResponse answer covered {0} of {1} tasks{2}; polling the"
                                           + " others alone",
                asked - leftOut, asked,
                failure == null ? "" : " (" + failure.getMessage() + ")");
        if (batchPolling && incomplete >= INCOMPLETE_BATCH_LIMIT) {
            batchPolling = false;
            LOG.log(System.Logger.Level.WARNING, "Runware left tasks out of " + incomplete + " batched getResponse"
                                                 + " answers from " + client.baseUrl() + ": batched polling is off"
                                                 + " for it from now on, one getResponse per request");
        }
    }

    /**
     * Decides what a status means for a task; completions are added to {@code outcomes}, run outside the lock.
     * {@code NOT_FOUND} counts only once the task's submit was acknowledged (a task tracked before its submit may not
     * have reached Runware yet).
     *
     * @param wholeState whether the status is a poll answer's (every result shown), not a webhook delivery's
     */
    private void judge(TrackedTask task, TaskStatus answered, boolean wholeState, List<Runnable> outcomes) {
        if (answered.state() == TaskState.NOT_FOUND) {
            if (!task.submitAcknowledged) {
                return;
            }
            task.notFoundInARow++;
            if (task.notFoundInARow >= TrackedTask.NOT_FOUND_LIMIT) {
                task.polling = true;
                task.askedDetails = true;
                outcomes.add(() -> askDetails(task, answered.error()));
            }
            return;
        }
        task.notFoundInARow = 0;
        TaskStatus status = task.merge(answered, wholeState);
        task.lastState = status.state();
        if (status.state() == TaskState.ERROR) {
            finish(task, outcomes, () -> task.future.completeExceptionally(status.error()));
        } else if (status.isFinal()) {
            learn(task, !wholeState);
            finish(task, outcomes, () -> task.future.complete(status));
        } else {
            if (wholeState) {
                task.sawRunning(estimateFor(task.policy), System.nanoTime());
            }
            if (task.progressListener != null) {
                outcomes.add(() -> notifyProgress(task, status));
            }
        }
    }

    /** The estimate a task of that policy is polled by: with the learned schedule, its key's; else none. */
    private RenderTimeEstimates.Estimate estimateFor(WaitPolicy policy) {
        return policy.schedule() == PollSchedule.learned && policy.renderKey() != null
                ? renderTimes.estimate(policy.renderKey()).orElse(null)
                : null;
    }

    /** A task seen done adds its render time to its key's estimate (not one found only by getTaskDetails). */
    private void learn(TrackedTask task, boolean pushed) {
        RenderKey key = task.policy.renderKey();
        if (key != null && !task.askedDetails) {
            renderTimes.observe(key, task.renderTime(System.nanoTime(), pushed));
        }
    }

    /** getResponse no longer knows the task: getTaskDetails may (a finished task getResponse forgot). */
    private void askDetails(TrackedTask task, RunwareException notFound) {
        CompletableFuture<TaskDetails> details;
        try {
            details = client.taskDetails(task.taskUUID);
        } catch (RuntimeException e) {
            details = CompletableFuture.failedFuture(e);
        }
        details.whenComplete((found, error) -> {
            List<Runnable> outcomes = new ArrayList<>();
            synchronized (lock) {
                if (tasks.get(task.taskUUID) != task) {
                    return;
                }
                task.polling = false;
                Throwable failure = error == null ? null : Futures.unwrap(error);
                if (failure instanceof RunwareNotFoundException) {
                    RunwareException gone = notFound != null ? notFound : (RunwareException) failure;
                    finish(task, outcomes, () -> task.future.completeExceptionally(gone));
                } else if (failure != null) {
                    task.notFoundInARow = TrackedTask.NOT_FOUND_LIMIT - 1;
                } else {
                    judge(task, found.status(), true, outcomes);
                }
                if (!closed) {
                    wakeFor(task, System.nanoTime());
                }
            }
            outcomes.forEach(Runnable::run);
        });
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
        for (Iterator<TrackedTask> each = tasks.values().iterator(); each.hasNext();) {
            TrackedTask task = each.next();
            if (now - task.deadline >= 0) {
                RunwareTimeoutException timeout = RunwareTimeoutException.waitTimeout(task.taskUUID,
                        task.policy.timeout(), task.lastState);
                each.remove();
                outcomes.add(() -> task.future.completeExceptionally(timeout));
            }
        }
    }

    /**
     * Arms the one timer for the earliest time a task needs attention, unless it already fires by then: a pass over
     * every task, made once per cycle.
     */
    private void rearm(long now) {
        if (tasks.isEmpty()) {
            cancelTimer();
            return;
        }
        long earliest = Long.MAX_VALUE;
        for (TrackedTask task : tasks.values()) {
            earliest = Math.min(earliest, task.nextAttention());
        }
        wakeBy(earliest, now);
    }

    /** The task's attention may have moved: the timer fires by then, unless the task is done. */
    private void wakeFor(TrackedTask task, long now) {
        if (tasks.get(task.taskUUID) == task) {
            wakeBy(task.nextAttention(), now);
        } else if (tasks.isEmpty()) {
            cancelTimer();
        }
    }

    /**
     * Makes the timer fire by {@code due} at the latest, without a pass over the tasks: one task's attention moved
     * there. A timer left earlier than any task then needs finds nothing due and re-arms for the real earliest.
     */
    private void wakeBy(long due, long now) {
        if (timer != null && !timer.isDone() && timerDue - due <= 0) {
            return;
        }
        cancelTimer();
        timerDue = due;
        try {
            long number = ++armed;
            timer = scheduler.schedule(() -> cycle(number), Math.max(0, due - now), TimeUnit.NANOSECONDS);
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
