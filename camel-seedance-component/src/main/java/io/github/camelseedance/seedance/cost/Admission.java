package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;
import java.util.List;

import io.github.camelseedance.runware.model.VideoItem;

/**
 * A task let through the cost guard: its price and, under a budget, its reservation in the ledger, which is charged
 * result by result at the real cost when the task ends, or released when it never ran.
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

    /**
     * Charges the results a task made at their real cost (its price's share for a result reported without one), and
     * releases the rest of its reservation. Charging a result twice counts it once.
     *
     * @return the USD charged now
     */
    public BigDecimal settle(List<VideoItem> results) {
        return ledger == null ? BigDecimal.ZERO : settle(ledger, taskUUID, results);
    }

    /** Releases the reservation of a task that never ran (refused or failed before Runware accepted it). */
    public void release() {
        if (ledger != null) {
            ledger.close(taskUUID, false);
        }
    }

    /**
     * Charges what is left of the reservation of a task that runs (and is billed) at Runware although its cost will
     * not be known here: its wait timed out.
     *
     * @return the USD charged now
     */
    public BigDecimal billUnknown() {
        return ledger == null ? BigDecimal.ZERO : ledger.close(taskUUID, true);
    }

    /**
     * Charges the results of a task at their real cost and closes its reservation, for a task that ended outside of
     * its exchange (a resumption).
     *
     * @return the USD charged now
     */
    public static BigDecimal settle(BudgetLedger ledger, String taskUUID, List<VideoItem> results) {
        BigDecimal charged = charge(ledger, taskUUID, results);
        ledger.close(taskUUID, false);
        return charged;
    }

    /**
     * Charges results of a task at their real cost, leaving its reservation open for the results to come (results
     * delivered one by one by webhooks).
     *
     * @return the USD charged now
     */
    public static BigDecimal charge(BudgetLedger ledger, String taskUUID, List<VideoItem> results) {
        BigDecimal charged = BigDecimal.ZERO;
        for (VideoItem item : results) {
            String key = item.videoUUID() != null ? item.videoUUID() : String.valueOf(item.videoURL());
            charged = charged.add(ledger.charge(taskUUID, key, item.cost()));
        }
        return charged;
    }
}
