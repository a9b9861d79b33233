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

import io.github.camelseedance.runware.RetryPolicy;

/**
 * Runs an asynchronous attempt again while its outcome is {@linkplain AttemptOutcome#retryable() retryable}, the
 * waits per a {@link RetryPolicy} scheduled on a scheduler (no sleeping): at most the policy's retries, or, given a
 * deadline, as often as fits before it.
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
     * @param what    what is attempted, for the log (no secrets)
     * @param attempt one attempt, given its number (0 for the first); its future must not fail (failures are
     *                outcomes)
     * @return        the value of the last outcome, or its failure
     */
    public <T> CompletableFuture<T> run(String what, IntFunction<CompletableFuture<AttemptOutcome<T>>> attempt) {
        return runUntil(what, null, attempt);
    }

    /**
     * Runs the attempt until it gives a final outcome, or until the next retry would start after the deadline (a
     * policy of no retries retries never).
     *
     * @param what     what is attempted, for the log (no secrets)
     * @param deadline the latest start of a retry; {@code null} to retry at most the policy's retries
     * @param attempt  one attempt, given its number (0 for the first); its future must not fail
     * @return         the value of the last outcome, or its failure
     */
    public <T> CompletableFuture<T> runUntil(String what, Instant deadline,
                                             IntFunction<CompletableFuture<AttemptOutcome<T>>> attempt) {
        CompletableFuture<T> result = new CompletableFuture<>();
        runAttempt(what, deadline, attempt, 0, result);
        return result;
    }

    private <T> void runAttempt(String what, Instant deadline,
                                IntFunction<CompletableFuture<AttemptOutcome<T>>> attempt,
                                int number, CompletableFuture<T> result) {
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
            Duration wait = policy.backoff(number + 1, outcome.retryAfter(), ThreadLocalRandom.current());
            if (outcome.retryable() && mayRetry(number, deadline, wait)) {
                LOG.log(System.Logger.Level.DEBUG, "{0} failed ({1}); retry {2} in {3} ms", what,
                        outcome.failure().getMessage(), number + 1, wait.toMillis());
                onRetry.run();
                schedule(() -> runAttempt(what, deadline, attempt, number + 1, result), wait, result);
            } else if (outcome.value() != null || outcome.failure() == null) {
                result.complete(outcome.value());
            } else {
                result.completeExceptionally(outcome.failure());
            }
        });
    }

    private boolean mayRetry(int number, Instant deadline, Duration wait) {
        if (policy.maxRetries() == 0) {
            return false;
        }
        return deadline == null ? number < policy.maxRetries() : Instant.now().plus(wait).isBefore(deadline);
    }

    private void schedule(Runnable next, Duration wait, CompletableFuture<?> result) {
        try {
            scheduler.schedule(next, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }
}
