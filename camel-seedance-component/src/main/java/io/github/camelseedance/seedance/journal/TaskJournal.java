package io.github.camelseedance.seedance.journal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component's view of its {@link TaskStore}: records tasks leased to this instance, keeps track of which tasks an
 * exchange of this instance is busy with (so the lease keeper leaves them to it), and changes records by
 * compare-and-set, reading them again when another instance changed them first.
 */
public final class TaskJournal {

    /** What {@link #record} found. */
    public enum Claim {
        /** The task is new: recorded, leased here. */
        RECORDED,
        /** The task was recorded already and this instance holds it (a restart, or the same work twice here). */
        HELD_HERE,
        /** The task was recorded by an instance whose lease expired: this instance took it over. */
        TAKEN_OVER,
        /** Another instance holds the task: wait for it to hand the lease over ({@link #awaitLease}). */
        HELD_ELSEWHERE,
        /** The task was delivered already (a record kept for the retention). */
        FINISHED
    }

    private static final Logger LOG = LoggerFactory.getLogger(TaskJournal.class);
    private static final int ATTEMPTS = 10;
    /** Marks the key of a result that failed, among the results delivered. */
    private static final String FAILED = "failed:";
    /** Marks why a task ended without its videos, among the results delivered. */
    private static final String ENDED = "ended:";
    /** The longest reason kept in a task's record. */
    private static final int MAX_REASON = 300;

    private final TaskStore store;
    private final String instanceId;
    private final long leaseMillis;
    private final Clock clock;
    /** Tasks an exchange of this instance is busy with (submitting, or waiting for): the lease keeper leaves them. */
    private final Map<String, Integer> busy = new ConcurrentHashMap<>();
    /** Exchanges of this instance waiting for another instance to hand over the lease of their task. */
    private final Map<String, AwaitedLease> awaitingLease = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** An exchange waiting for the lease of a task, until a deadline. */
    private record AwaitedLease(CompletableFuture<Void> handedOver, long since, long deadline) {
    }

    public TaskJournal(TaskStore store, String instanceId, Duration leaseDuration, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.leaseMillis = leaseDuration.toMillis();
        this.clock = clock;
    }

    public TaskStore store() {
        return store;
    }

    public String instanceId() {
        return instanceId;
    }

    /** @return the lease duration in milliseconds */
    public long leaseMillis() {
        return leaseMillis;
    }

    long now() {
        return clock.millis();
    }

    /**
     * Records a task before its submit is sent, leased to this instance; the exchange doing so is busy with it until
     * {@link #release}.
     */
    public Claim record(TaskRecord task) {
        busy.merge(task.taskUUID(), 1, Integer::sum);
        return claim(task);
    }

    /**
     * Records a task again for the exchange that waited for its lease ({@link #awaitLease}): the instance that held it
     * may have finished it meanwhile.
     */
    public Claim recordAgain(TaskRecord task) {
        return claim(task);
    }

    private Claim claim(TaskRecord task) {
        long now = now();
        if (store.insert(task.leasedTo(instanceId, now + leaseMillis))) {
            return Claim.RECORDED;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            TaskRecord existing = store.get(task.taskUUID());
            if (existing == null) {
                if (store.insert(task.leasedTo(instanceId, now() + leaseMillis))) {
                    return Claim.RECORDED;
                }
                continue;
            }
            if (existing.finished()) {
                return Claim.FINISHED;
            }
            now = now();
            if (existing.heldBy(instanceId, now)) {
                return Claim.HELD_HERE;
            }
            if (existing.leaseUntil() > now) {
                return Claim.HELD_ELSEWHERE;
            }
            if (store.update(existing.leasedTo(instanceId, now + leaseMillis))) {
                LOG.info("Took over Seedance task {} from {}, whose lease expired", task.taskUUID(), existing.owner());
                return Claim.TAKEN_OVER;
            }
        }
        throw new IllegalStateException("The record of Seedance task " + task.taskUUID() + " keeps changing");
    }

    /** The exchange that recorded (or waited for) a task is no longer busy with it. */
    public void release(String taskUUID) {
        busy.computeIfPresent(taskUUID, (uuid, count) -> count > 1 ? count - 1 : null);
    }

    /** Whether an exchange of this instance is busy with the task. */
    public boolean isBusy(String taskUUID) {
        return busy.containsKey(taskUUID);
    }

    /**
     * Waits until this instance holds the lease of a task another instance holds: that one hands it over at its next
     * lease renewal, or the lease expires and this instance takes it.
     *
     * @param deadline when to give up (epoch milliseconds): the wait then fails with a timeout naming the task
     */
    public CompletableFuture<Void> awaitLease(String taskUUID, long deadline) {
        AwaitedLease awaited = awaitingLease.computeIfAbsent(taskUUID,
                uuid -> new AwaitedLease(new CompletableFuture<>(), now(), deadline));
        change(taskUUID, task -> task.waitedBy(instanceId), task -> !task.heldBy(instanceId, now()));
        awaited.handedOver().whenComplete((ok, failure) -> awaitingLease.remove(taskUUID, awaited));
        return awaited.handedOver();
    }

    /** The tasks exchanges of this instance wait to get the lease of. */
    List<String> awaitingLease() {
        return new ArrayList<>(awaitingLease.keySet());
    }

    /** Lets an exchange waiting for the lease of a task go on: this instance holds it now, or the task is done. */
    public void leaseArrived(String taskUUID) {
        AwaitedLease awaited = awaitingLease.get(taskUUID);
        if (awaited != null) {
            awaited.handedOver().complete(null);
        }
    }

    /** Fails the wait for the lease of a task when its deadline passed. */
    void expireAwaited(String taskUUID, long now) {
        AwaitedLease awaited = awaitingLease.get(taskUUID);
        if (awaited != null && now >= awaited.deadline()) {
            awaited.handedOver().completeExceptionally(RunwareTimeoutException.waitTimeout(taskUUID,
                    Duration.ofMillis(awaited.deadline() - awaited.since()), null));
        }
    }

    /** Stops waiting for the lease of a task (the exchange ended). */
    public void stopAwaiting(String taskUUID) {
        AwaitedLease awaited = awaitingLease.remove(taskUUID);
        if (awaited != null) {
            awaited.handedOver().cancel(false);
        }
        if (closed) {
            return;
        }
        change(taskUUID, task -> task.waitedBy(null), task -> instanceId.equals(task.waiter()));
    }

    /** Notes that Runware acknowledged the task's submit. */
    public void acknowledged(String taskUUID) {
        change(taskUUID, TaskRecord::acknowledge, task -> !task.acknowledged());
    }

    /** Ends a task: its results were delivered (or it can never be). */
    public void remove(String taskUUID) {
        store.finish(taskUUID);
    }

    /**
     * The component stops: exchanges that end from now on (their waits cancelled) leave their tasks recorded, to be
     * resumed at the next start or adopted by another instance.
     */
    public void close() {
        closed = true;
        awaitingLease.values().forEach(awaited -> awaited.handedOver().cancel(false));
    }

    /**
     * Forgets a task this instance holds that never existed at Runware (its submit never reached it, or Runware
     * refused it): its work, when it comes again, is recorded and submitted again. A task whose submit was
     * acknowledged meanwhile, or that another instance holds now, keeps its record.
     */
    public void forgetUnacknowledged(String taskUUID) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            TaskRecord task = store.get(taskUUID);
            if (task == null || task.finished() || task.acknowledged() || !instanceId.equals(task.owner())) {
                return;
            }
            if (store.forget(task)) {
                return;
            }
        }
        LOG.warn("The record of Seedance task {} kept changing; gave up forgetting it", taskUUID);
    }

    /**
     * Ends a task unless another instance holds it now (it adopted the task while this one was paused), or the
     * component is stopping (the task may still render: it is resumed at the next start).
     */
    public void removeIfHeld(String taskUUID) {
        if (closed) {
            LOG.debug("Seedance task {} stays recorded: the component stops while it is in flight", taskUUID);
            return;
        }
        TaskRecord task = store.get(taskUUID);
        if (task != null && !task.finished() && instanceId.equals(task.owner())) {
            store.finish(taskUUID);
        }
    }

    /**
     * Ends a task that ended for good without its videos for the exchange that waited (every result failed at Runware,
     * Runware no longer knows it, or its videos could not be downloaded), unless another instance holds it now or the
     * component is stopping. A record kept for the retention remembers why: the work coming again fails with {@link
     * TaskEndedException} instead of being taken for delivered.
     */
    public void endWithoutVideos(String taskUUID, String reason) {
        if (closed) {
            LOG.debug("Seedance task {} stays recorded: the component stops while it is in flight", taskUUID);
            return;
        }
        String given = reason == null || reason.isBlank() ? "no reason was given" : reason;
        String kept = given.length() > MAX_REASON ? given.substring(0, MAX_REASON) + "..." : given;
        if (change(taskUUID, task -> task.withDelivered(List.of(ENDED + kept)),
                task -> instanceId.equals(task.owner()))) {
            store.finish(taskUUID);
        }
    }

    /**
     * The failure for work that came again after its task ended (a finished record kept for the task retention): {@link
     * TaskEndedException} when it ended without its videos, else {@link TaskHandledElsewhereException}, as it was
     * delivered.
     */
    public static RuntimeException cameAgain(TaskRecord finished) {
        for (String key : finished.delivered()) {
            if (key.startsWith(ENDED)) {
                return new TaskEndedException(finished.taskUUID(), finished.owner(), key.substring(ENDED.length()));
            }
        }
        return TaskHandledElsewhereException.deliveredBy(finished.taskUUID(), finished.owner());
    }

    /** @return the record of a task in flight (not a finished one), or {@code null} */
    public TaskRecord get(String taskUUID) {
        TaskRecord task = store.get(taskUUID);
        return task == null || task.finished() ? null : task;
    }

    /** Every task this instance holds (renewing their leases). */
    public List<TaskRecord> inFlight() {
        return store.renew(instanceId, now() + leaseMillis);
    }

    /**
     * Proves that this instance still holds a task before it delivers a result, and extends the lease for the time
     * the delivery takes.
     *
     * @return {@code false} when another instance adopted the task (this one was paused, or cut off from the store)
     *         and may have delivered it already, or the task is no longer in flight
     */
    public boolean confirmLease(String taskUUID) {
        return change(taskUUID, held -> held.leasedTo(instanceId, now() + leaseMillis),
                held -> Objects.equals(held.owner(), instanceId));
    }

    /**
     * Takes over a task whose lease expired, as the instance that received its webhook.
     *
     * @return whether this instance holds it now
     */
    public boolean takeOverIfExpired(String taskUUID) {
        return change(taskUUID, task -> task.leasedTo(instanceId, now() + leaseMillis),
                task -> task.heldBy(instanceId, now()) || task.leaseUntil() <= now() && leftToUs(task));
    }

    /** Whether no other instance waits for the task, or its waiter let a whole lease pass without taking it. */
    private boolean leftToUs(TaskRecord task) {
        return task.waiter() == null || task.waiter().equals(instanceId) || task.leaseUntil() < now() - leaseMillis;
    }

    /**
     * Keeps a webhook delivery for the instance holding the task.
     *
     * @return whether it was recorded (the task is in flight)
     */
    public boolean keepForHolder(String taskUUID, String body) {
        return change(taskUUID, task -> task.withReceived(body), task -> true);
    }

    /** Hands a task this instance holds over to the instance waiting for it. */
    boolean handOver(TaskRecord task) {
        return store.update(task.leasedTo(task.waiter(), now() + leaseMillis));
    }

    /** Forgets webhook deliveries taken by this instance. */
    void taken(String taskUUID, List<String> bodies) {
        change(taskUUID, task -> task.withoutReceived(bodies), task -> true);
    }

    /**
     * The results of a task delivered so far, by their result key.
     *
     * @param succeeded the keys of the videos delivered
     * @param failed    the keys of the failed results reported
     */
    public record DeliveredResults(Set<String> succeeded, Set<String> failed) {

        /** @return whether that result was delivered or reported already */
        public boolean contains(String resultKey) {
            return succeeded.contains(resultKey) || failed.contains(resultKey);
        }

        /** @return how many results were delivered or reported */
        public int count() {
            return succeeded.size() + failed.size();
        }

        /** The results a task record holds as delivered (failed ones marked). */
        static DeliveredResults of(List<String> delivered) {
            Set<String> succeeded = new LinkedHashSet<>();
            Set<String> failed = new LinkedHashSet<>();
            for (String key : delivered) {
                if (key.startsWith(FAILED)) {
                    failed.add(key.substring(FAILED.length()));
                } else if (!key.startsWith(ENDED)) {
                    succeeded.add(key);
                }
            }
            return new DeliveredResults(succeeded, failed);
        }
    }

    /** The results of the task delivered so far (none when it is not in flight). */
    public DeliveredResults delivered(String taskUUID) {
        TaskRecord task = get(taskUUID);
        return DeliveredResults.of(task == null ? List.of() : task.delivered());
    }

    /** Adds the results of a status, videos and failures, to those of the task delivered, and answers them all. */
    public DeliveredResults markDelivered(String taskUUID, TaskStatus status) {
        List<String> keys = new ArrayList<>();
        status.items().forEach(item -> keys.add(item.resultKey()));
        status.failures().forEach(failure -> keys.add(FAILED + failure.resultKey()));
        TaskRecord task = changed(taskUUID, held -> held.withDelivered(keys), held -> true);
        return DeliveredResults.of(task == null ? keys : task.delivered());
    }

    /**
     * Changes the record of a task in flight if {@code allowed}, by compare-and-set, reading it again when it changed
     * meanwhile.
     *
     * @return whether the change was written ({@code false}: no such task in flight, or not allowed)
     */
    private boolean change(String taskUUID, UnaryOperator<TaskRecord> change, Predicate<TaskRecord> allowed) {
        return changed(taskUUID, change, allowed) != null;
    }

    /** Like {@link #change}, answering the record as written, or {@code null}. */
    private TaskRecord changed(String taskUUID, UnaryOperator<TaskRecord> change, Predicate<TaskRecord> allowed) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            TaskRecord task = store.get(taskUUID);
            if (task == null || task.finished() || !allowed.test(task)) {
                return null;
            }
            TaskRecord changed = change.apply(task);
            if (store.update(changed)) {
                return changed.withVersion(task.version() + 1);
            }
        }
        LOG.warn("The record of Seedance task {} kept changing; gave up changing it", taskUUID);
        return null;
    }
}
