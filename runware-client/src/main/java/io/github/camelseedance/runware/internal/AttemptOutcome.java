package io.github.camelseedance.runware.internal;

import java.time.Duration;

import io.github.camelseedance.runware.error.RunwareException;

/**
 * What one HTTP attempt gave: a value, a failure, or both (a failed answer whose envelope is kept for when the
 * retries run out). Whether trying again may help is the failure's {@link RunwareException#retryable()}: its
 * family's, the one retry decision of the client.
 *
 * @param value      the result, may be {@code null}
 * @param failure    the failure, may be {@code null}
 * @param retryAfter the server's {@code Retry-After}, {@code null} when absent
 * @param <T>        the result type
 */
public record AttemptOutcome<T>(T value, RuntimeException failure, Duration retryAfter) {

    /** A final result. */
    public static <T> AttemptOutcome<T> done(T value) {
        return new AttemptOutcome<>(value, null, null);
    }

    /** A failure: retried when it is a retryable {@link RunwareException}. */
    public static <T> AttemptOutcome<T> failed(RuntimeException failure, Duration retryAfter) {
        return new AttemptOutcome<>(null, failure, retryAfter);
    }

    /** A failed answer: retried when the failure is retryable, else (or when the retries run out) the value. */
    public static <T> AttemptOutcome<T> kept(T value, RunwareException failure, Duration retryAfter) {
        return new AttemptOutcome<>(value, failure, retryAfter);
    }

    /** @return whether another attempt may succeed */
    public boolean retryable() {
        return failure instanceof RunwareException runware && runware.retryable();
    }
}
