package io.github.camelseedance.seedance.journal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelseedance.seedance.cost.BudgetLedger;
import org.apache.camel.Service;
import org.apache.camel.support.service.ServiceHelper;

/** Counts the operations on a store. */
final class CountingTaskStore implements TaskStore, Service {

    private final TaskStore store;
    private final AtomicLong operations = new AtomicLong();

    CountingTaskStore(TaskStore store) {
        this.store = store;
    }

    long operations() {
        return operations.get();
    }

    @Override
    public boolean insert(TaskRecord task) {
        operations.incrementAndGet();
        return store.insert(task);
    }

    @Override
    public TaskRecord get(String taskUUID) {
        operations.incrementAndGet();
        return store.get(taskUUID);
    }

    @Override
    public boolean update(TaskRecord task) {
        operations.incrementAndGet();
        return store.update(task);
    }

    @Override
    public void finish(String taskUUID) {
        operations.incrementAndGet();
        store.finish(taskUUID);
    }

    @Override
    public boolean forget(TaskRecord task) {
        operations.incrementAndGet();
        return store.forget(task);
    }

    @Override
    public List<TaskRecord> renew(String owner, long leaseUntil) {
        operations.incrementAndGet();
        return store.renew(owner, leaseUntil);
    }

    @Override
    public List<TaskRecord> adopt(String owner, long now, long leaseUntil, int max) {
        operations.incrementAndGet();
        return store.adopt(owner, now, leaseUntil, max);
    }

    @Override
    public long size() {
        return store.size();
    }

    @Override
    public long inFlightCount() {
        operations.incrementAndGet();
        return store.inFlightCount();
    }

    @Override
    public List<TaskRecord> inFlight(int max) {
        operations.incrementAndGet();
        return store.inFlight(max);
    }

    @Override
    public BudgetLedger budgetLedger() {
        return store.budgetLedger();
    }

    @Override
    public void start() {
        ServiceHelper.startService(store);
    }

    @Override
    public void stop() {
        ServiceHelper.stopService(store);
    }
}
