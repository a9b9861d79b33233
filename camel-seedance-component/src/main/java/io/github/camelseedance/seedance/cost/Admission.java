package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;

/**
 * A task let through the cost guard: its price and, under a budget, its reservation in the ledger, which is charged
 * result by result at the real cost when the task ends ({@link CostGuard#settle}), charged whole when its cost will
 * not be known ({@link CostGuard#billRemainder}), or released when it never ran.
 */
public final class Admission {

    private final String taskUUID;
    private final TaskPrice price;
    private final BudgetLedger ledger;

    Admission(String taskUUID, TaskPrice price, BudgetLedger ledger) {
        this.taskUUID = taskUUID;
        this.price = price;
        this.ledger = ledger;
    }

    /** @return the price reckoned before the submit, {@code null} when the task could not be priced */
    public TaskPrice price() {
        return price;
    }

    /** @return the price in USD, {@code null} when the task could not be priced */
    public BigDecimal amount() {
        return price == null ? null : price.amount();
    }

    /** @return whether the price is reserved in a budget */
    public boolean reserved() {
        return ledger != null;
    }

    /** Releases the reservation of a task that never ran (refused or failed before Runware accepted it). */
    public void release() {
        if (ledger != null) {
            ledger.close(taskUUID, false);
        }
    }
}
