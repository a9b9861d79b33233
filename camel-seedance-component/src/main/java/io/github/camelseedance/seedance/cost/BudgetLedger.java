package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;

/**
 * The spend of budgets per period, shared by whatever shares the ledger (the endpoints of a component, the instances
 * of a fleet on one task store). One entry per task, keyed by its UUID, so that a task counts once however often it
 * is sent, redelivered or resumed; a reservation is atomic (no two tasks can both take the last money); results are
 * charged one by one, each once. Every operation costs the same whatever the number of tasks.
 */
public interface BudgetLedger {

    /**
     * Reserves the price of a task, if the account's spend and reservations of the period leave room for it under
     * {@code limit}. A task that already has an entry reserves nothing more.
     *
     * @param  account  the budget account
     * @param  period   the period's key
     * @param  taskUUID the task
     * @param  price    USD
     * @param  results  the number of results the price covers (each one's share is {@code price / results})
     * @param  limit    USD per period
     * @param  warnAt   the committed spend at which the account warns, once per period
     * @return          the verdict with the account's use of the period
     */
    Reservation reserve(String account, String period, String taskUUID, BigDecimal price, int results, BigDecimal limit,
                        BigDecimal warnAt);

    /**
     * Charges one result of a task: its real cost moves from reserved to spent (its share of the reservation is
     * released). Charging a result again, or a task without an entry, does nothing.
     *
     * @param  taskUUID  the task
     * @param  resultKey the result ({@code VideoItem.resultKey()}: its index, else its video UUID)
     * @param  cost      the result's real cost in USD, {@code null} when Runware reported none: its share of the price
     * @return           the USD charged now (zero when nothing was)
     */
    BigDecimal charge(String taskUUID, String resultKey, BigDecimal cost);

    /**
     * Ends a task's reservation: what was not charged is released, or, when {@code billRemainder} (the task may have
     * run and been billed, its cost unknown: a wait that timed out, a submit whose answer never came), charged.
     * Closing again does nothing.
     *
     * @return the USD charged now (zero unless {@code billRemainder})
     */
    BigDecimal close(String taskUUID, boolean billRemainder);

    /**
     * Forgets the reservation of a task that never ran (Runware refused its submit, or never received it): what it
     * reserved is released and it no longer counts among its period's tasks, so that its work, coming again under the
     * same task UUID, reserves anew and is charged. An entry with charges is closed instead, as by {@code
     * close(taskUUID, false)}. Dropping a task without an entry does nothing.
     */
    void drop(String taskUUID);

    /** @return the account's use of a period (empty when it has none) */
    BudgetUsage usage(String account, String period);
}
