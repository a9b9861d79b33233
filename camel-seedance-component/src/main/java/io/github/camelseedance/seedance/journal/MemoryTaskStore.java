package io.github.camelseedance.seedance.journal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

import io.github.camelseedance.seedance.cost.BudgetLedger;
import io.github.camelseedance.seedance.cost.MemoryBudgetLedger;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The tasks in flight in memory: they survive a route restart, not a JVM restart. Several components of one JVM may
 * share one (its leases work as in a fleet). Finished tasks are kept for the retention, then dropped.
 */
public class MemoryTaskStore extends ServiceSupport implements TaskStore {

    private final Map<String, TaskRecord> tasks = new HashMap<>();
    /** The in-flight tasks of each owner, so renewing costs the owner's tasks, not all. */
    private final Map<String, Map<String, TaskRecord>> byOwner = new HashMap<>();
    /** The in-flight tasks by lease expiry, so adopting looks at the expired ones only. */
    private final NavigableSet<TaskRecord> byLease = new TreeSet<>(
            Comparator.comparingLong(TaskRecord::leaseUntil).thenComparing(TaskRecord::taskUUID));
    private final Deque<TaskRecord> finished = new ArrayDeque<>();
    private final long retention;
    private final Clock clock;
    private final MemoryBudgetLedger ledger = new MemoryBudgetLedger(this, this::ledgerChanged);

    /** A store that drops finished tasks at once. */
    public MemoryTaskStore() {
        this(Duration.ZERO, Clock.systemUTC());
    }

    /**
     * @param retention how long finished tasks are kept
     * @param clock     the clock of {@link TaskRecord#finishedAt()}
     */
    public MemoryTaskStore(Duration retention, Clock clock) {
        this.retention = retention.toMillis();
        this.clock = clock;
    }

    @Override
    public synchronized boolean insert(TaskRecord task) {
        if (tasks.containsKey(task.taskUUID())) {
            return false;
        }
        put(task.withVersion(1));
        return true;
    }

    @Override
    public synchronized TaskRecord get(String taskUUID) {
        return tasks.get(taskUUID);
    }

    @Override
    public synchronized boolean update(TaskRecord task) {
        TaskRecord stored = tasks.get(task.taskUUID());
        if (stored == null || stored.finished() || stored.version() != task.version()) {
            return false;
        }
        put(task.withVersion(task.version() + 1));
        return true;
    }

    @Override
    public synchronized void finish(String taskUUID) {
        TaskRecord stored = tasks.get(taskUUID);
        if (stored == null || stored.finished()) {
            return;
        }
        long now = clock.millis();
        if (retention <= 0) {
            unindex(stored);
            tasks.remove(taskUUID);
            removed(taskUUID);
        } else {
            TaskRecord done = stored.finishedAt(now).withVersion(stored.version() + 1);
            put(done);
            finished.add(done);
        }
        purge(now);
    }

    @Override
    public synchronized boolean forget(TaskRecord task) {
        TaskRecord stored = tasks.get(task.taskUUID());
        if (stored == null || stored.finished() || stored.version() != task.version()) {
            return false;
        }
        unindex(stored);
        tasks.remove(task.taskUUID());
        removed(task.taskUUID());
        return true;
    }

    @Override
    public synchronized List<TaskRecord> renew(String owner, long leaseUntil) {
        Map<String, TaskRecord> held = byOwner.getOrDefault(owner, Map.of());
        List<TaskRecord> renewed = new ArrayList<>(held.size());
        for (TaskRecord task : List.copyOf(held.values())) {
            TaskRecord extended = task.leasedTo(owner, leaseUntil).waitedBy(task.waiter());
            byLease.remove(task);
            byLease.add(extended);
            tasks.put(task.taskUUID(), extended);
            held.put(task.taskUUID(), extended);
            renewed.add(extended);
        }
        leasesRenewed(renewed);
        return renewed;
    }

    @Override
    public synchronized List<TaskRecord> adopt(String owner, long now, long leaseUntil, int max) {
        long waiterGrace = now - (leaseUntil - now);
        List<TaskRecord> expired = new ArrayList<>();
        for (TaskRecord task : byLease) {
            if (task.leaseUntil() >= now || expired.size() >= max) {
                break;
            }
            boolean waitedElsewhere = task.waiter() != null && !task.waiter().equals(owner)
                                      && task.leaseUntil() >= waiterGrace;
            if (!waitedElsewhere) {
                expired.add(task);
            }
        }
        List<TaskRecord> adopted = new ArrayList<>(expired.size());
        for (TaskRecord task : expired) {
            TaskRecord taken = task.leasedTo(owner, leaseUntil).waitedBy(null).withVersion(task.version() + 1);
            put(taken);
            adopted.add(taken);
        }
        return adopted;
    }

    @Override
    public synchronized long size() {
        purge(clock.millis());
        return tasks.size();
    }

    @Override
    public synchronized long inFlightCount() {
        return byLease.size();
    }

    @Override
    public synchronized List<TaskRecord> inFlight(int max) {
        return byLease.stream().sorted(Comparator.comparingLong(TaskRecord::recordedAt)).limit(Math.max(0, max))
                .toList();
    }

    private void put(TaskRecord task) {
        TaskRecord previous = tasks.put(task.taskUUID(), task);
        if (previous != null) {
            unindex(previous);
        }
        index(task);
        written(task);
    }

    private void index(TaskRecord task) {
        if (task.finished()) {
            return;
        }
        byLease.add(task);
        if (task.owner() != null) {
            byOwner.computeIfAbsent(task.owner(), o -> new LinkedHashMap<>()).put(task.taskUUID(), task);
        }
    }

    private void unindex(TaskRecord task) {
        byLease.remove(task);
        if (task.owner() != null) {
            Map<String, TaskRecord> held = byOwner.get(task.owner());
            if (held != null) {
                held.remove(task.taskUUID());
                if (held.isEmpty()) {
                    byOwner.remove(task.owner());
                }
            }
        }
    }

    private void purge(long now) {
        while (!finished.isEmpty() && finished.peek().finishedAt() <= now - retention) {
            TaskRecord expired = finished.poll();
            if (Objects.equals(tasks.get(expired.taskUUID()), expired)) {
                tasks.remove(expired.taskUUID());
                removed(expired.taskUUID());
            }
        }
    }

    /** @return the number of records, without dropping expired finished ones: for subclasses */
    protected final synchronized int count() {
        return tasks.size();
    }

    /** Every record as it is now, in no order: for subclasses that persist them. */
    protected final synchronized List<TaskRecord> records() {
        return new ArrayList<>(tasks.values());
    }

    /** Loads a record as persisted, without calling {@link #written}. */
    protected final synchronized void load(TaskRecord task) {
        TaskRecord previous = tasks.put(task.taskUUID(), task);
        if (previous != null) {
            unindex(previous);
        }
        index(task);
        if (task.finished()) {
            finished.add(task);
        }
    }

    /** Forgets a record as persisted, without calling {@link #removed}. */
    protected final synchronized void unload(String taskUUID) {
        TaskRecord previous = tasks.remove(taskUUID);
        if (previous != null) {
            unindex(previous);
        }
    }

    /** Called, under the store's lock, after a record was written. */
    protected void written(TaskRecord task) {
    }

    /** Called, under the store's lock, after a record was removed. */
    protected void removed(String taskUUID) {
    }

    /** Called, under the store's lock, after leases were renewed (nothing else changed). */
    protected void leasesRenewed(List<TaskRecord> renewed) {
    }

    @Override
    protected void doStart() throws Exception {
        // nothing to open
    }

    @Override
    protected void doStop() throws Exception {
        // nothing to close
    }

    @Override
    public BudgetLedger budgetLedger() {
        return ledger;
    }

    @Override
    public String toString() {
        return "MemoryTaskStore";
    }

    /** The ledger itself, for a store that writes its changes down. */
    protected MemoryBudgetLedger memoryLedger() {
        return ledger;
    }

    /** A change of the budget ledger, made holding this store's lock; a store that persists writes it down. */
    protected void ledgerChanged(Map<String, Object> change) {
        // kept in memory only
    }
}
