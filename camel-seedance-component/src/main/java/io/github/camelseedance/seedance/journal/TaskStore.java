package io.github.camelseedance.seedance.journal;

import java.util.List;

import io.github.camelseedance.seedance.cost.BudgetLedger;

/**
 * Where the tasks in flight are recorded: one record per task, written before its submit is sent and finished once
 * its videos are delivered. Every operation costs the same whatever the number of tasks; the store holds the tasks
 * in flight (and the finished ones for the retention), never every task ever run.
 * <p>
 * Several instances of an application may share one store (the JDBC one): each task is leased to one instance at a
 * time, which renews its leases while it runs; the tasks of an instance that stopped renewing are adopted by another.
 * Updates are compare-and-set on {@link TaskRecord#version()}, so an instance acting on an old copy (one paused while
 * another adopted its task) fails instead of overwriting.
 * <p>
 * Implementations: {@link MemoryTaskStore}, {@link FileTaskStore} (one instance), {@link JdbcTaskStore} (a fleet).
 */
public interface TaskStore {

    /**
     * Records a new task.
     *
     * @return {@code false} when a record of that task exists already (in flight or finished): nothing is written
     */
    boolean insert(TaskRecord task);

    /** @return the record of the task (also a finished one kept for the retention), or {@code null} */
    TaskRecord get(String taskUUID);

    /**
     * Replaces a record if it did not change since it was read: its stored version must still be {@code
     * task.version()}; the stored copy gets the next version.
     *
     * @return {@code false} when the record changed meanwhile (read it again) or is gone or finished
     */
    boolean update(TaskRecord task);

    /** Ends a task whose results were all delivered: removed, or kept as finished for the retention. */
    void finish(String taskUUID);

    /**
     * Deletes the record of a task that never existed at Runware (its submit never reached it, or Runware refused
     * it), whatever the retention: nothing of it was delivered, so its work, when it comes again, is recorded and
     * submitted again instead of being taken for delivered.
     *
     * @return {@code false} when the record changed since {@code task} was read (its submit may have been
     *         acknowledged meanwhile), is finished or is gone: nothing is deleted
     */
    boolean forget(TaskRecord task);

    /**
     * Extends every lease {@code owner} holds to {@code leaseUntil}, in one batch.
     *
     * @return the records of the tasks {@code owner} holds (in flight)
     */
    List<TaskRecord> renew(String owner, long leaseUntil);

    /**
     * Takes over tasks whose lease expired before {@code now}, skipping those another instance is adopting at the same
     * moment. A task with a waiter other than {@code owner} is left to its waiter for one more lease period.
     *
     * @return the records now leased to {@code owner} until {@code leaseUntil}, at most {@code max}
     */
    List<TaskRecord> adopt(String owner, long now, long leaseUntil, int max);

    /** @return the number of records held: tasks in flight and finished ones kept for the retention */
    long size();

    /** @return the number of tasks in flight, whichever instance holds them */
    long inFlightCount();

    /**
     * The tasks in flight, whichever instance holds them, for operators (the dev console): read only, no lease changes.
     *
     * @param  max the most records answered
     * @return     the records of the oldest tasks in flight, oldest first, at most {@code max}
     */
    List<TaskRecord> inFlight(int max);

    /**
     * The budget ledger kept with the tasks, so that whatever shares the store (the instances of a fleet) shares the
     * budgets, and a restart neither forgets a spend nor counts a task twice.
     *
     * @return the ledger
     */
    BudgetLedger budgetLedger();
}
