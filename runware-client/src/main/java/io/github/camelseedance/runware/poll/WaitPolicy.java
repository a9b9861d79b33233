package io.github.camelseedance.runware.poll;

import java.time.Duration;
import java.util.Objects;

/**
 * How a task is waited for: a first poll after {@code initialDelay}, then polls {@code interval} apart, the interval
 * growing by {@code multiplier} up to {@code maxInterval}, for at most {@code timeout} in total.
 *
 * @param initialDelay the wait before the first poll
 * @param interval     the first interval between polls
 * @param multiplier   the factor the interval grows by after each poll (at least 1)
 * @param maxInterval  the longest interval
 * @param timeout      the overall wait, counted from {@link VideoTaskTracker#track}
 * @param schedule     whether the polls follow that ladder alone or the render times learned for {@code renderKey}
 * @param renderKey    what the task's render time depends on, {@code null} when unknown (the ladder alone, and
 *                     nothing learned from the task)
 */
public record WaitPolicy(Duration initialDelay, Duration interval, double multiplier, Duration maxInterval,
                         Duration timeout, PollSchedule schedule, RenderKey renderKey) {

    /** The default wait before the first poll, in milliseconds. */
    public static final long DEFAULT_INITIAL_DELAY_MILLIS = 5_000;
    /** The default first interval between polls, in milliseconds. */
    public static final long DEFAULT_INTERVAL_MILLIS = 2_000;
    /** The default factor the interval grows by. */
    public static final double DEFAULT_MULTIPLIER = 1.5;
    /** The default longest interval, in milliseconds. */
    public static final long DEFAULT_MAX_INTERVAL_MILLIS = 10_000;
    /** The default overall wait, in milliseconds (20 minutes, as Runware's SDKs). */
    public static final long DEFAULT_TIMEOUT_MILLIS = 1_200_000;

    /** Checks the values. */
    public WaitPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxInterval, "maxInterval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(schedule, "schedule");
        if (initialDelay.isNegative() || interval.isNegative() || interval.isZero()
            || maxInterval.compareTo(interval) < 0
            || multiplier < 1 || timeout.isNegative()) {
            throw new IllegalArgumentException("Invalid wait policy: initialDelay >= 0, interval > 0, maxInterval >="
                                               + " interval, multiplier >= 1, timeout >= 0 required, got "
                                               + initialDelay
                                               + ", " + interval + ", " + multiplier + ", " + maxInterval + ", "
                                               + timeout);
        }
    }

    /**
     * A policy on the ladder alone, for a task of no known render key.
     *
     * @param initialDelay the wait before the first poll
     * @param interval     the first interval between polls
     * @param multiplier   the factor the interval grows by after each poll (at least 1)
     * @param maxInterval  the longest interval
     * @param timeout      the overall wait, counted from {@link VideoTaskTracker#track}
     */
    public WaitPolicy(Duration initialDelay, Duration interval, double multiplier, Duration maxInterval,
                      Duration timeout) {
        this(initialDelay, interval, multiplier, maxInterval, timeout, PollSchedule.fixed, null);
    }

    /**
     * @param  schedule  how the polls are placed
     * @param  renderKey what the task's render time depends on, {@code null} when unknown
     * @return           this policy with that schedule, for a task of that key
     */
    public WaitPolicy withSchedule(PollSchedule schedule, RenderKey renderKey) {
        return new WaitPolicy(initialDelay, interval, multiplier, maxInterval, timeout, schedule, renderKey);
    }

    /**
     * @param  timeout the overall wait
     * @return         this policy with that timeout (its schedule and key kept)
     */
    public WaitPolicy withTimeout(Duration timeout) {
        return new WaitPolicy(initialDelay, interval, multiplier, maxInterval, timeout, schedule, renderKey);
    }

    /** @return first poll after 5 s, then every 2 s growing x1.5 up to 10 s, 20 minutes overall */
    public static WaitPolicy defaults() {
        return new WaitPolicy(Duration.ofMillis(DEFAULT_INITIAL_DELAY_MILLIS),
                Duration.ofMillis(DEFAULT_INTERVAL_MILLIS),
                DEFAULT_MULTIPLIER, Duration.ofMillis(DEFAULT_MAX_INTERVAL_MILLIS),
                Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS));
    }

    /**
     * The interval that follows another.
     *
     * @param  current the interval just used
     * @return         {@code current * multiplier}, at most {@code maxInterval}
     */
    public Duration next(Duration current) {
        long nanos = (long) Math.min(current.toNanos() * multiplier, (double) maxInterval.toNanos());
        return Duration.ofNanos(nanos);
    }
}
