package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import io.github.camelseedance.seedance.SeedanceConfiguration;

/**
 * A spending limit per period, as an endpoint's options set it. Endpoints (and instances sharing a task store) that
 * name the same budget share its spend: each refuses the tasks that would take the spend and reservations of the
 * current period above its own limit.
 *
 * @param name     the budget's name ({@code budgetName})
 * @param limit    USD per period ({@code budget})
 * @param period   the period ({@code budgetPeriod})
 * @param zone     where periods begin and end ({@code budgetTimeZone})
 * @param perModel whether each model has a spend of its own under this name ({@code budgetPerModel})
 */
public record Budget(String name, BigDecimal limit, BudgetPeriod period, ZoneId zone, boolean perModel) {

    /** The share of the limit at which a warning is logged, once per period. */
    public static final BigDecimal WARNING_SHARE = new BigDecimal("0.8");

    /**
     * @return the budget the options set, {@code null} when they set none
     * @throws IllegalArgumentException naming the option at fault
     */
    public static Budget of(SeedanceConfiguration options) {
        if (options.getBudget() == null) {
            return null;
        }
        if (options.getBudget().signum() < 0) {
            throw new IllegalArgumentException("budget must be zero or more USD, got " + options.getBudget());
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(options.getBudgetTimeZone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "budgetTimeZone must be a time zone id such as UTC or Europe/Paris, got '"
                                               + options.getBudgetTimeZone() + "'",
                    e);
        }
        return new Budget(options.getBudgetName(), options.getBudget(), options.getBudgetPeriod(), zone,
                options.isBudgetPerModel());
    }

    /** @return the ledger account of a model's tasks: the budget's name, with the model when per model */
    public String account(String model) {
        return perModel ? name + "/" + model : name;
    }

    /** @return the key of the period an instant falls in */
    public String periodKey(Instant now) {
        return period.key(now, zone);
    }

    /** @return when the period an instant falls in resets */
    public ZonedDateTime resetsAt(Instant now) {
        return period.resetsAt(now, zone);
    }

    /** @return the spend at which the budget warns */
    public BigDecimal warningLevel() {
        return limit.multiply(WARNING_SHARE);
    }
}
