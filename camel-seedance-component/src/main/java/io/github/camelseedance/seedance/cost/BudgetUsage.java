package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;

/**
 * What a budget account has used in one period.
 *
 * @param account  the account (the budget's name, with the model when per model)
 * @param period   the period's key
 * @param spent    USD charged: the real costs of the results made
 * @param reserved USD reserved by tasks in flight and not yet charged
 * @param tasks    the tasks that reserved in this period
 */
public record BudgetUsage(String account, String period, BigDecimal spent, BigDecimal reserved, long tasks) {

    /** @return nothing used */
    public static BudgetUsage empty(String account, String period) {
        return new BudgetUsage(account, period, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    /** @return spent plus reserved */
    public BigDecimal committed() {
        return spent.add(reserved);
    }
}
