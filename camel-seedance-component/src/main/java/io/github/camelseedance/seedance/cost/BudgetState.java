package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;
import java.time.ZonedDateTime;

/**
 * A budget account in its current period, as the dev console, the health check and the metrics show it.
 *
 * @param account  the account (the budget's name, with the model when per model)
 * @param budget   the budget
 * @param usage    its spend and reservations in the current period
 * @param resetsAt when the current period ends
 */
public record BudgetState(String account, Budget budget, BudgetUsage usage, ZonedDateTime resetsAt) {

    /** @return the USD the period has left: limit less spent and reserved, never below zero */
    public BigDecimal remaining() {
        return budget.limit().subtract(usage.committed()).max(BigDecimal.ZERO);
    }

    /** @return whether nothing is left: spent and reserved reach the limit */
    public boolean exhausted() {
        return usage.committed().compareTo(budget.limit()) >= 0;
    }
}
