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
    private final boolean reservedNow;

    /**
     * @param ledger      the ledger of its budget, {@code null} for a task under no budget
     * @param reservedNow whether this admission reserved the price (not the task's earlier one: a resend, a
     *                    redelivery or a restart)
     */
    Admission(String taskUUID, TaskPrice price, BudgetLedger ledger, boolean reservedNow) {
        this.taskUUID = taskUUID;
        this.price = price;
        this.ledger = ledger;
        this.reservedNow = reservedNow;
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

    /** Releases the reservation of a task that ended at Runware with nothing to charge (every result failed). */
    public void release() {
        if (ledger != null) {
            ledger.close(taskUUID, false);
        }
    }

    /**
     * Forgets the reservation of a task Runware refused: it never ran, and its work, coming again under the same task
     * UUID, reserves anew and is charged ({@link BudgetLedger#drop}).
     */
    public void forget() {
        if (ledger != null) {
            ledger.drop(taskUUID);
        }
    }

    /**
     * Takes back what this admission reserved, when it reserved: the work came again for a task that ended already,
     * and nothing was submitted. The task's own earlier reservation is left as it is.
     */
    public void withdraw() {
        if (ledger != null && reservedNow) {
            ledger.drop(taskUUID);
        }
    }
}
