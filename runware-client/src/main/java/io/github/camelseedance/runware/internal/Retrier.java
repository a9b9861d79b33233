package io.github.camelseedance.runware.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.github.camelseedance.runware.RetryPolicy;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareTimeoutException;

/**
 * Runs an asynchronous attempt again while its outcome is {@linkplain AttemptOutcome#retryable() retryable}, the
 * waits per a {@link RetryPolicy} scheduled on a scheduler (no sleeping): at most the policy's retries, or, given a
 * deadline, as often as fits before it, or both: at most the policy's retries, none after a deadline.
 */
public final class Retrier {

    private static final System.Logger LOG = System.getLogger(Retrier.class.getName());

    private final RetryPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier closed;
    private final Runnable onRetry;

    /**
     * @param onRetry told before each retry (metrics)
     */
    public Retrier(RetryPolicy policy, ScheduledExecutorService scheduler, BooleanSupplier closed, Runnable onRetry) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.closed = closed;
        this.onRetry = onRetry;
    }

    /**
     * Runs the attempt until it gives a final outcome or the policy's retries run out.
     *
     * @param what    what is attempted, for the log and the timeout's message (no secrets), built only for them
     * @param attempt one attempt, given its number (0 for the first); its future must not fail (failures are
     *                outcomes)
     * @return        the value of the last outcome, or its failure
     */
    public <T> CompletableFuture<T> run(Supplier<String> what,
                                        IntFunction<CompletableFuture<AttemptOutcome<T>>> attempt) {
        return runUntil(what, null, attempt);
    }

    /**
     * Runs the attempt until it gives a final outcome, or until the next retry would start after the deadline (a
     * policy of no retries retries never): a retryable failure whose retry would start after it ends the run with a
     * {@link RunwareTimeoutException} ({@link RunwareTimeoutException#CLIENT_WAIT_TIMEOUT}) caused by that failure.
     *
     * @param what     what is attempted, for the log and the timeout's message (no secrets), built only for them
     * @param deadline the latest start of a retry; {@code null} to retry at most the policy's retries
     * @param attempt  one attempt, given its number (0 for the first); its future must not fail
     * @return         the value of the last outcome, or its failure
     */
    public <T> CompletableFuture<T> runUntil(Supplier<String> what, Instant deadline,
                                             IntFunction<CompletableFuture<AttemptOutcome<T>>> attempt) {
        CompletableFuture<T> result = new CompletableFuture<>();
        runAttempt(what, deadline, false, attempt, 0, result);
        return result;
    }

    /**
     * Runs the attempt until it gives a final outcome or the policy's retries run out, and starts no retry after the
     * deadline, ending then as {@link #runUntil} does.
     *
     * @param what     what is attempted, for the log and the timeout's message (no secrets), built only for them
     * @param deadline no retry starts after it; {@code null} for none (then like {@link #run})
     * @param attempt  one attempt, given its number (0 for the first); its future must not fail
     * @return         the value of the last outcome, or its failure
     */
    public <T> CompletableFuture<T> runWithin(Supplier<String> what, Instant deadline,
                                              IntFunction<CompletableFuture<AttemptOutcome<T>>> attempt) {
        CompletableFuture<T> result = new CompletableFuture<>();
        runAttempt(what, deadline, deadline != null, attempt, 0, result);
        return result;
    }

    /**
     * A request timeout clipped to a deadline.
     *
     * @param  timeout  the request timeout
     * @param  deadline the deadline, or {@code null}
     * @return          the timeout, or the time left before the deadline when that is shorter (at least 1 ms)
     */
    public static Duration within(Duration timeout, Instant deadline) {
        if (deadline == null) {
            return timeout;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        return left.compareTo(timeout) >= 0 ? timeout : left.toMillis() < 1 ? Duration.ofMillis(1) : left;
    }

    private <T> void runAttempt(Supplier<String> what, Instant deadline, boolean counted,
                                IntFunction<CompletableFuture<AttemptOutcome<T>>> attempt, int number,
                                CompletableFuture<T> result) {
        if (closed.getAsBoolean()) {
            result.completeExceptionally(new IllegalStateException("RunwareClient is closed"));
            return;
        }
        CompletableFuture<AttemptOutcome<T>> running;
        try {
            running = attempt.apply(number);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        running.whenComplete((outcome, unexpected) -> {
            if (unexpected != null) {
                result.completeExceptionally(Futures.unwrap(unexpected));
                return;
            }
            boolean retryable = outcome.retryable() && policy.maxRetries() > 0;
            boolean withinCount = deadline != null && !counted || number < policy.maxRetries();
            Duration wait = retryable && withinCount
                    ? policy.backoff(number + 1, outcome.retryAfter(), ThreadLocalRandom.current())
                    : Duration.ZERO;
            boolean beforeDeadline = deadline == null || Instant.now().plus(wait).isBefore(deadline);
            if (retryable && withinCount && beforeDeadline) {
                LOG.log(System.Logger.Level.DEBUG, () -> what.get() + " failed (" + outcome.failure().getMessage()
                                                         + "); retry " + (number + 1) + " in " + wait.toMillis()
                                                         + " ms");
                onRetry.run();
                schedule(() -> runAttempt(what, deadline, counted, attempt, number + 1, result), wait, result);
            } else if (retryable && withinCount) {
                String message = what.get() + " failed (" + outcome.failure().getMessage()
                                 + ") and no retry can start before its deadline " + deadline;
                result.completeExceptionally(new RunwareTimeoutException(message,
                        RunwareError.of(RunwareTimeoutException.CLIENT_WAIT_TIMEOUT, message, null), 0,
                        outcome.failure()));
            } else if (outcome.value() != null || outcome.failure() == null) {
                result.complete(outcome.value());
            } else {
                result.completeExceptionally(outcome.failure());
            }
        });
    }

    private void schedule(Runnable next, Duration wait, CompletableFuture<?> result) {
        try {
            scheduler.schedule(next, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }
}
