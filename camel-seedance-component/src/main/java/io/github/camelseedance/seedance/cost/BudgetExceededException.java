package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;
import java.time.ZonedDateTime;

/** A task whose price does not fit what its budget has left in the current period, refused before anything was sent. */
public class BudgetExceededException extends SeedanceCostException {

    private final Budget budget;
    private final BudgetUsage usage;
    private final ZonedDateTime resetsAt;

    public BudgetExceededException(String taskUUID, TaskPrice price, Budget budget, BudgetUsage usage,
                                   ZonedDateTime resetsAt) {
        super("Seedance task " + taskUUID + " refused before submit: budget '" + usage.account() + "' has spent "
              + Usd.text(usage.spent()) + " USD and reserved " + Usd.text(usage.reserved()) + " USD of its limit "
              + Usd.text(budget.limit()) + " USD for the " + budget.period() + " " + usage.period() + " ("
              + budget.zone() + "); the task's price " + Usd.text(price.amount()) + " USD (" + price.describe()
              + ") does not fit in the " + Usd.text(budget.limit().subtract(usage.committed()).max(BigDecimal.ZERO))
              + " USD left. The period resets at " + resetsAt, taskUUID, price);
        this.budget = budget;
        this.usage = usage;
        this.resetsAt = resetsAt;
    }

    /** @return the budget */
    public Budget budget() {
        return budget;
    }

    /** @return USD spent in the current period */
    public BigDecimal spent() {
        return usage.spent();
    }

    /** @return USD reserved by tasks in flight */
    public BigDecimal reserved() {
        return usage.reserved();
    }

    /** @return the limit, USD per period */
    public BigDecimal limit() {
        return budget.limit();
    }

    /** @return when the period resets */
    public ZonedDateTime resetsAt() {
        return resetsAt;
    }
}
