package io.github.camelseedance.runware.internal;

import java.time.Duration;

/**
 * What one HTTP attempt gave: a value, a failure, or both (a retryable answer whose envelope is kept for when the
 * retries run out), and whether trying again may help.
 *
 * @param value      the result, may be {@code null}
 * @param failure    the failure, may be {@code null}
 * @param retryable  whether another attempt may succeed
 * @param retryAfter the server's {@code Retry-After}, {@code null} when absent
 * @param <T>        the result type
 */
public record AttemptOutcome<T>(T value, RuntimeException failure, boolean retryable, Duration retryAfter) {

    /** A final result. */
    public static <T> AttemptOutcome<T> done(T value) {
        return new AttemptOutcome<>(value, null, false, null);
    }

    /** A final failure. */
    static <T> AttemptOutcome<T> failed(RuntimeException failure) {
        return new AttemptOutcome<>(null, failure, false, null);
    }

    /** A transient failure with no usable result. */
    public static <T> AttemptOutcome<T> retry(RuntimeException failure, Duration retryAfter) {
        return new AttemptOutcome<>(null, failure, true, retryAfter);
    }

    /** A transient answer: retried, and used as the result when the retries run out. */
    public static <T> AttemptOutcome<T> retryOrKeep(T value, Duration retryAfter) {
        return new AttemptOutcome<>(value, null, true, retryAfter);
    }
}
