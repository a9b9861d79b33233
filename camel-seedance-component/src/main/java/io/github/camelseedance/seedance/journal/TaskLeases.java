package io.github.camelseedance.seedance.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.runware.model.WebhookPayload;
import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.seedance.SeedanceProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's leases, on a timer of the component's scheduler (every third of the lease duration, run on
 * the worker pool): renews
 * every lease it holds in one batch, waits for the tasks it holds that no exchange here is busy with (tasks recorded
 * before a restart, adopted from an instance that stopped, or submitted with {@code seedance:submit}) and hands their
 * results to the {@code seedance:webhook} consumer, takes the webhook deliveries other instances kept for it, hands a
 * task over to the instance whose exchange waits for it, and adopts the tasks whose lease expired.
 * <p>
 * A task it loses (another instance adopted it while this one was paused) is no longer waited for here.
 */
public final class TaskLeases {

    /** What the runtime does for the lease keeper. */
    public interface Delivery {
        /** The tracker that waits for the component's own tasks, or {@code null} when there is no API key. */
        VideoTaskTracker tracker();

        /** How a task that no exchange waits for is waited for. */
        WaitPolicy waitPolicy(TaskRecord task);

        /** Gives a result to an exchange waiting for its task here. */
        boolean offerToWaitingExchange(TaskStatus status);

        /**
         * Hands the result of a task no exchange waits for to the {@code seedance:webhook} consumer.
         *
         * @return {@code false} when the consumer's route failed: tried again at the next tick
         */
        boolean deliverUnclaimed(TaskStatus status);

        /**
         * Settles the spend of a task held here that ended with no exchange waiting: its results charged to their
         * budget at their real cost, each once, and its reservation closed.
         *
         * @param results the results it made (none when it failed, or Runware does not know it)
         */
        void settle(TaskRecord task, List<VideoItem> results);

        /** Charges the whole reservation of a task that Runware ran but forgot before its results were taken. */
        void billRemainder(TaskRecord task);

        /** Forgets the reservation of a task whose submit never reached Runware: its work may come again. */
        void forget(TaskRecord task);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TaskLeases.class);
    /** The most tasks adopted in one tick, so that instances share the tasks of one that stopped. */
    static final int ADOPT_BATCH = 100;

    private final TaskJournal journal;
    private final ScheduledExecutorService scheduler;
    private final Executor worker;
    private final Delivery delivery;
    /** A tick still running when the next is due is not run twice (a slow database). */
    private final AtomicBoolean ticking = new AtomicBoolean();
    /** The tasks held here that no exchange is busy with, and their wait. */
    private final Map<String, CompletableFuture<TaskStatus>> waiting = new ConcurrentHashMap<>();
    /** Tasks held here that finished with no one to deliver them to: left until their work is redelivered. */
    private final Set<String> parked = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> timer;
    private boolean warnedNoTracker;

    /**
     * @param scheduler times the ticks
     * @param worker    runs them, so that the store's statements never hold up the poll loop on the scheduler
     */
    public TaskLeases(TaskJournal journal, ScheduledExecutorService scheduler, Executor worker, Delivery delivery) {
        this.journal = journal;
        this.scheduler = scheduler;
        this.worker = worker;
        this.delivery = delivery;
    }

    /** Starts the timer; the first tick (the resumption of the tasks recorded before a restart) runs at once. */
    public synchronized void start() {
        long period = Math.max(50, journal.leaseMillis() / 3);
        timer = scheduler.scheduleWithFixedDelay(() -> {
            if (ticking.compareAndSet(false, true)) {
                try {
                    worker.execute(() -> {
                        try {
                            tick();
                        } finally {
                            ticking.set(false);
                        }
                    });
                } catch (RuntimeException rejected) {
                    ticking.set(false);
                }
            }
        }, 0, period, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        waiting.values().forEach(wait -> wait.cancel(false));
        waiting.clear();
        parked.clear();
    }

    /** One round: renew, take kept webhooks, hand over, wait for unattended tasks, adopt. */
    void tick() {
        try {
            long now = journal.now();
            List<TaskRecord> held = journal.store().renew(journal.instanceId(), now + journal.leaseMillis());
            Set<String> heldIds = new HashSet<>();
            for (TaskRecord task : held) {
                heldIds.add(task.taskUUID());
            }
            forgetLost(heldIds);
            for (TaskRecord task : held) {
                attend(task);
            }
            for (String taskUUID : journal.awaitingLease()) {
                checkAwaited(taskUUID, heldIds);
            }
            adopt();
        } catch (RuntimeException e) {
            LOG.warn("Renewing the Seedance task leases failed; trying again at the next tick: {}", e.getMessage());
        }
    }

    /** Tasks waited for here whose lease another instance took: no longer ours to deliver. */
    private void forgetLost(Set<String> heldIds) {
        for (String taskUUID : List.copyOf(waiting.keySet())) {
            if (!heldIds.contains(taskUUID)) {
                CompletableFuture<TaskStatus> wait = waiting.remove(taskUUID);
                if (wait != null && wait.cancel(false)) {
                    LOG.info("Seedance task {} is no longer leased to this instance; stopped waiting for it", taskUUID);
                }
            }
        }
        parked.retainAll(heldIds);
    }

    private void attend(TaskRecord task) {
        String taskUUID = task.taskUUID();
        if (!task.received().isEmpty()) {
            takeKeptWebhooks(task);
        }
        boolean busyHere = journal.isBusy(taskUUID);
        if (task.waiter() != null && !busyHere) {
            CompletableFuture<TaskStatus> wait = waiting.remove(taskUUID);
            if (journal.handOver(task)) {
                LOG.info("Handed Seedance task {} over to {}, whose exchange waits for it", taskUUID, task.waiter());
                parked.remove(taskUUID);
                if (wait != null) {
                    wait.cancel(false);
                }
                return;
            }
            if (wait != null) {
                waiting.put(taskUUID, wait);
            }
        }
        if (!busyHere && !parked.contains(taskUUID) && !waiting.containsKey(taskUUID)) {
            waitFor(task);
        }
    }

    private void takeKeptWebhooks(TaskRecord task) {
        List<String> taken = new ArrayList<>();
        for (String body : task.received()) {
            try {
                boolean delivered = true;
                for (TaskStatus status : WebhookPayload.read(body)) {
                    if (status.taskUUID().equals(task.taskUUID()) && !delivery.offerToWaitingExchange(status)) {
                        delivered &= delivery.deliverUnclaimed(status);
                    }
                }
                if (delivered) {
                    taken.add(body);
                }
            } catch (RunwareException e) {
                LOG.warn("Dropping an unreadable webhook delivery kept for Seedance task {}: {}", task.taskUUID(),
                        e.getMessage());
                taken.add(body);
            }
        }
        if (!taken.isEmpty()) {
            journal.taken(task.taskUUID(), taken);
        }
    }

    /** Waits for a task held here that no exchange is busy with, and delivers its result when it is done. */
    private void waitFor(TaskRecord task) {
        VideoTaskTracker tracker = delivery.tracker();
        if (tracker == null) {
            if (!warnedNoTracker) {
                LOG.warn("Seedance tasks in flight were recorded, but the component has no API key to wait for them "
                         + "with: they are resumed when their work is redelivered");
                warnedNoTracker = true;
            }
            return;
        }
        String taskUUID = task.taskUUID();
        LOG.info("Resuming Seedance task {}: no exchange here waits for it", taskUUID);
        CompletableFuture<TaskStatus> wait = tracker.track(taskUUID, task.expectedResults(), delivery.waitPolicy(task),
                null);
        waiting.put(taskUUID, wait);
        wait.whenComplete((status, failure) -> {
            if (!waiting.remove(taskUUID, wait)) {
                return;
            }
            if (failure == null) {
                finished(task, status);
            } else {
                failed(task, SeedanceProducer.unwrap(failure));
            }
        });
    }

    private void finished(TaskRecord task, TaskStatus status) {
        delivery.settle(task, status.items());
        if (journal.isBusy(task.taskUUID())) {
            return; // an exchange here joined the task: the result is its own
        }
        if (delivery.deliverUnclaimed(status)) {
            parked.add(task.taskUUID());
        }
    }

    private void failed(TaskRecord task, Throwable failure) {
        if (failure instanceof CancellationException) {
            return;
        }
        if (failure instanceof RunwareNotFoundException) {
            TaskRecord current = journal.get(task.taskUUID());
            if (current != null && !current.acknowledged()) {
                LOG.info("Seedance task {} was recorded but its submit never reached Runware (not found): "
                         + "forgetting it, so that its work, when it comes again, is submitted again",
                        task.taskUUID());
                delivery.forget(task); // first: the work coming again reserves its price anew
                journal.forgetUnacknowledged(task.taskUUID());
                return;
            }
            LOG.warn("Seedance task {} is unknown to Runware (it expired there): forgetting it; its videos are "
                     + "lost, its price is charged to its budget",
                    task.taskUUID());
            if (current != null) {
                delivery.billRemainder(task);
            } else {
                delivery.settle(task, List.of());
            }
            journal.endWithoutVideos(task.taskUUID(), "Runware no longer knew it when its videos were to be taken "
                                                      + "(it expired there): they are lost, its price is charged");
            return;
        }
        if (failure instanceof RunwareException taskFailure
            && !(taskFailure instanceof RunwareTimeoutException timeout && timeout.isClientWait())) {
            delivery.settle(task, List.of()); // the task failed at Runware: nothing of it is billed
        }
        LOG.warn("Waiting for Seedance task {} failed; waiting again at the next lease renewal: {}", task.taskUUID(),
                failure.getMessage());
    }

    private void checkAwaited(String taskUUID, Set<String> heldIds) {
        if (heldIds.contains(taskUUID)) {
            journal.leaseArrived(taskUUID);
            return;
        }
        TaskRecord task = journal.get(taskUUID);
        if (task == null || journal.takeOverIfExpired(taskUUID)) {
            journal.leaseArrived(taskUUID);
        } else {
            journal.expireAwaited(taskUUID, journal.now());
        }
    }

    private void adopt() {
        if (delivery.tracker() == null) {
            return;
        }
        long now = journal.now();
        List<TaskRecord> adopted = journal.store().adopt(journal.instanceId(), now, now + journal.leaseMillis(),
                ADOPT_BATCH);
        if (adopted.isEmpty()) {
            return;
        }
        LOG.info("Adopted {} Seedance task(s) whose lease expired", adopted.size());
        for (TaskRecord task : adopted) {
            journal.leaseArrived(task.taskUUID());
            if (!journal.isBusy(task.taskUUID())) {
                waitFor(task);
            }
        }
    }

    /** @return the tasks held here that are waited for without an exchange */
    public int unattended() {
        return waiting.size();
    }

    /** The lease duration for a component option value, checked. */
    public static Duration leaseDuration(long millis) {
        if (millis < 100) {
            throw new IllegalArgumentException("leaseDuration must be at least 100 ms, got " + millis + " ms");
        }
        return Duration.ofMillis(millis);
    }
}
