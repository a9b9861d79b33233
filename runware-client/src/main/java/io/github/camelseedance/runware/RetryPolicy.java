package io.github.camelseedance.runware;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How transient failures (HTTP 408, 429, 5xx, network errors, malformed answers) are retried: exponential backoff
 * with jitter, honouring {@code Retry-After}.
 *
 * @param maxRetries        retries after the first attempt (0 = none)
 * @param initialBackoff    the wait before the first retry
 * @param multiplier        the factor each further wait grows by (at least 1)
 * @param maxBackoff        the longest wait (also caps a server's {@code Retry-After})
 * @param jitter            the random spread, 0..1: a wait varies by up to +- that fraction
 * @param honourRetryAfter  whether a {@code Retry-After} header lengthens the wait
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, double multiplier, Duration maxBackoff,
                          double jitter, boolean honourRetryAfter) {

    /** The default number of retries after the first attempt. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** The default wait before the first retry, in milliseconds. */
    public static final long DEFAULT_INITIAL_BACKOFF_MILLIS = 1_000;

    /** Checks the values. */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRetries < 0 || initialBackoff.isNegative() || maxBackoff.isNegative() || multiplier < 1
            || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("Invalid retry policy: maxRetries >= 0, backoffs >= 0, multiplier >= 1,"
                                               + " jitter 0..1 required, got " + maxRetries + ", " + initialBackoff
                                               + ", " + multiplier + ", " + maxBackoff + ", " + jitter);
        }
    }

    /** @return 3 retries, from 1 s growing x2 up to 30 s, jitter 0.2, honouring {@code Retry-After} */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_RETRIES, Duration.ofMillis(DEFAULT_INITIAL_BACKOFF_MILLIS), 2.0,
                Duration.ofSeconds(30), 0.2, true);
    }

    /** @return no retry at all */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, 1.0, Duration.ZERO, 0, false);
    }

    /**
     * The wait before a retry: {@code initialBackoff * multiplier^(attempt-1)}, varied by +- {@code jitter}, capped at
     * {@code maxBackoff}; when {@code Retry-After} is honoured and given, at least that long (itself capped at
     * {@code maxBackoff}).
     *
     * @param  attempt    the retry number, 1 for the first retry
     * @param  retryAfter the server's {@code Retry-After}, {@code null} when absent
     * @param  random     the source of the jitter
     * @return            the wait, never negative
     */
    public Duration backoff(int attempt, Duration retryAfter, Random random) {
        double exponential = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double jittered = exponential * (1 + jitter * (2 * random.nextDouble() - 1));
        long millis = (long) Math.min(Math.max(0, jittered), maxBackoff.toMillis());
        if (honourRetryAfter && retryAfter != null && !retryAfter.isNegative()) {
            millis = Math.max(millis, Math.min(retryAfter.toMillis(), maxBackoff.toMillis()));
        }
        return Duration.ofMillis(millis);
    }
}
