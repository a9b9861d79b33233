package io.github.camelseedance.runware.internal;

import io.github.camelseedance.runware.RetryPolicy;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;


/** Runs an asynchronous attempt again per a {@link RetryPolicy}, the waits scheduled on a scheduler (no sleeping). */
public final class Retrier {

    private static final System.Logger LOG = System.getLogger(Retrier.class.getName());

    private final RetryPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier closed;

    public Retrier(RetryPolicy policy, ScheduledExecutorService scheduler, BooleanSupplier closed) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.closed = closed;
    }

    /**
     * Runs the attempt until it gives a final outcome or the retries run out.
     *
     * @param what    what is attempted, for the log (no secrets)
     * @param attempt one attempt; its future must not fail (failures are outcomes)
     * @return        the value of the last outcome, or its failure
     */
    public <T> CompletableFuture<T> run(String what, Supplier<CompletableFuture<AttemptOutcome<T>>> attempt) {
        return run(what, attempt, null);
    }

    /**
     * Runs the attempt until it gives a final outcome, the retries run out, or the next retry would start after the
     * deadline (then the last outcome is final).
     *
     * @param what     what is attempted, for the log (no secrets)
     * @param attempt  one attempt; its future must not fail (failures are outcomes)
     * @param deadline no retry starts after it; {@code null} for none
     * @return         the value of the last outcome, or its failure
     */
    public <T> CompletableFuture<T> run(String what, Supplier<CompletableFuture<AttemptOutcome<T>>> attempt,
                                        Instant deadline) {
        CompletableFuture<T> result = new CompletableFuture<>();
        runAttempt(what, attempt, 0, deadline, result);
        return result;
    }

    private <T> void runAttempt(String what, Supplier<CompletableFuture<AttemptOutcome<T>>> attempt, int retries,
                                Instant deadline, CompletableFuture<T> result) {
        if (closed.getAsBoolean()) {
            result.completeExceptionally(new IllegalStateException("RunwareClient is closed"));
            return;
        }
        CompletableFuture<AttemptOutcome<T>> running;
        try {
            running = attempt.get();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        running.whenComplete((outcome, unexpected) -> {
            Duration wait = outcome != null && outcome.retryable() && retries < policy.maxRetries()
                    ? policy.backoff(retries + 1, outcome.retryAfter(), ThreadLocalRandom.current())
                    : null;
            if (unexpected != null) {
                result.completeExceptionally(unexpected);
            } else if (wait != null && (deadline == null || Instant.now().plus(wait).isBefore(deadline))) {
                LOG.log(System.Logger.Level.DEBUG, "{0} failed ({1}); retry {2} of {3} in {4} ms", what, reason(outcome),
                        retries + 1, policy.maxRetries(), wait.toMillis());
                schedule(() -> runAttempt(what, attempt, retries + 1, deadline, result), wait, result);
            } else if (wait != null) {
                result.completeExceptionally(deadlinePassed(what, outcome, deadline));
            } else if (outcome.failure() != null && outcome.value() == null) {
                result.completeExceptionally(outcome.failure());
            } else {
                result.complete(outcome.value());
            }
        });
    }

    /** The failure of an attempt whose retry would start after the deadline. */
    private static RunwareTimeoutException deadlinePassed(String what, AttemptOutcome<?> outcome, Instant deadline) {
        String message = what + " failed (" + reason(outcome) + ") and no retry can start before its deadline "
                         + deadline;
        return new RunwareTimeoutException(message, RunwareError.of(RunwareTimeoutException.CLIENT_WAIT_TIMEOUT,
                message, null), 0, outcome.failure());
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
        return left.compareTo(timeout) < 0 ? (left.toMillis() < 1 ? Duration.ofMillis(1) : left) : timeout;
    }

    private void schedule(Runnable next, Duration wait, CompletableFuture<?> result) {
        try {
            scheduler.schedule(next, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }

    private static String reason(AttemptOutcome<?> outcome) {
        if (outcome.failure() != null) {
            return outcome.failure().getMessage();
        }
        return outcome.value() instanceof RunwareResponse response ? "HTTP " + response.httpStatus() : "retryable";
    }
}
