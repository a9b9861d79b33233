package io.github.camelseedance.seedance.cost;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** The period a budget applies to, in a time zone: a calendar day, an ISO week (from Monday), a calendar month. */
public enum BudgetPeriod {
    /** A calendar day, from midnight. */
    day,
    /** An ISO week, from Monday midnight. */
    week,
    /** A calendar month, from the first day's midnight. */
    month;

    /**
     * The period an instant falls in.
     *
     * @return its key: {@code 2026-12-07} (day), {@code 2026-W50} (week), {@code 2026-12} (month)
     */
    public String key(Instant instant, ZoneId zone) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        return switch (this) {
            case day -> date.toString();
            case week -> String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
                    date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case month -> date.toString().substring(0, 7);
        };
    }

    /** @return when the period an instant falls in ends and the next begins */
    public ZonedDateTime resetsAt(Instant instant, ZoneId zone) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        LocalDate next = switch (this) {
            case day -> date.plusDays(1);
            case week -> date.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            case month -> date.with(TemporalAdjusters.firstDayOfNextMonth());
        };
        return next.atStartOfDay(zone);
    }
}
