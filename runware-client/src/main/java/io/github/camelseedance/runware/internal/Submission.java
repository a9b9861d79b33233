package io.github.camelseedance.runware.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.camelseedance.runware.error.ErrorFamily;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;

/**
 * The attempts of one {@code videoInference} submit, as Runware's SDKs make them: every attempt carries the same
 * taskUUID; after an attempt whose answer was lost (no answer, a malformed one, HTTP 502 or 504) the next one first
 * asks Runware for the task with one {@code getResponse} and sends again only when Runware does not know it; a resend
 * answered {@code conflictTaskUUID} means the earlier send arrived. On a first attempt {@code conflictTaskUUID} is a
 * real conflict, unless the taskUUID names the work (an idempotency key).
 */
public final class Submission {

    /** Statuses of a gateway that may have passed the request on before failing: a submit may have arrived. */
    private static final Set<Integer> GATEWAY_STATUSES = Set.of(502, 504);

    private final String taskUUID;
    private final boolean conflictMeansOurs;
    private final Supplier<CompletableFuture<AttemptOutcome<RunwareResponse>>> send;
    private final Function<List<Map<String, Object>>, CompletableFuture<AttemptOutcome<RunwareResponse>>> probe;
    private final AtomicBoolean answerLost = new AtomicBoolean();

    /**
     * @param taskUUID          the task's uuid
     * @param conflictMeansOurs whether a conflict on the first attempt is the task of this uuid (idempotency key)
     * @param send              sends the task's submit once (alone or with others, {@link SubmitBatcher}), answering
     *                          the classified outcome as it concerns this task
     * @param probe             sends task objects once, answering the classified outcome (the getResponse that asks
     *                          for a task whose answer was lost)
     */
    public Submission(String taskUUID, boolean conflictMeansOurs,
                      Supplier<CompletableFuture<AttemptOutcome<RunwareResponse>>> send,
                      Function<List<Map<String, Object>>, CompletableFuture<AttemptOutcome<RunwareResponse>>> probe) {
        this.taskUUID = taskUUID;
        this.conflictMeansOurs = conflictMeansOurs;
        this.send = send;
        this.probe = probe;
    }

    /**
     * Runs all attempts.
     *
     * @param  retrier  the retry policy's runner
     * @param  deadline no retry starts after it; {@code null} for none
     * @return          the acknowledgement, or the failure of the last attempt carrying the taskUUID
     */
    public CompletableFuture<SubmitAck> run(Retrier retrier, Instant deadline) {
        CompletableFuture<SubmitAck> ack = retrier.runWithin(() -> "Submit of task " + taskUUID, deadline,
                this::attempt);
        CompletableFuture<SubmitAck> result = new CompletableFuture<>();
        ack.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                Throwable cause = Futures.unwrap(failure);
                result.completeExceptionally(cause instanceof RunwareException e ? e.aboutTask(taskUUID) : cause);
            }
        });
        return result;
    }

    private CompletableFuture<AttemptOutcome<SubmitAck>> attempt(int number) {
        CompletableFuture<Boolean> known = number > 0 && answerLost.get()
                ? isKnown()
                : CompletableFuture.completedFuture(false);
        return known.thenCompose(exists -> exists
                ? CompletableFuture.completedFuture(AttemptOutcome.done(new SubmitAck(taskUUID, true)))
                : send.get().thenApply(outcome -> outcome(outcome, number > 0)));
    }

    /** One getResponse, no retry: whether Runware knows the task (a failed probe says no). */
    private CompletableFuture<Boolean> isKnown() {
        return probe.apply(List.of(Map.of("taskType", "getResponse", "taskUUID", taskUUID))).thenApply(outcome -> {
            if (outcome.value() == null) {
                return false;
            }
            try {
                TaskStatus status = TaskStatuses.read(outcome.value(), List.of(taskUUID)).get(taskUUID);
                return status != null && status.state() != TaskState.NOT_FOUND;
            } catch (RunwareException e) {
                return false;
            }
        });
    }

    private AttemptOutcome<SubmitAck> outcome(AttemptOutcome<RunwareResponse> outcome, boolean resend) {
        RunwareResponse response = outcome.value();
        if (response == null) {
            answerLost.set(true);
            return AttemptOutcome.failed(outcome.failure(), outcome.retryAfter());
        }
        if (GATEWAY_STATUSES.contains(response.httpStatus())) {
            answerLost.set(true);
        }
        Optional<RunwareError> error = response.errorFor(taskUUID);
        if (error.isPresent() && error.get().isTaskUUIDConflict()) {
            return resend || conflictMeansOurs
                    ? AttemptOutcome.done(new SubmitAck(taskUUID, true))
                    : AttemptOutcome.failed(inUse(error.get(), response.httpStatus()), null);
        }
        if (error.isPresent() || response.httpStatus() >= 400) {
            RunwareException failure = error.map(e -> RunwareException.from(e, response.httpStatus()))
                    .orElseGet(() -> response.requestFailure().orElseThrow());
            return AttemptOutcome.failed(failure, outcome.retryAfter());
        }
        try {
            response.itemFor(taskUUID);
            return AttemptOutcome.done(new SubmitAck(taskUUID, false));
        } catch (RunwareException nothingAboutTheTask) {
            answerLost.set(true);
            return AttemptOutcome.failed(nothingAboutTheTask, null);
        }
    }

    private RunwareException inUse(RunwareError error, int status) {
        return RunwareException.of(ErrorFamily.VALIDATION, "Runware refused task " + taskUUID + " (" + error.code()
                                                           + "): its taskUUID is already in use by a task submitted before. Give every task a new taskUUID, or an"
                                                           + " idempotency key to resume the task that has it",
                error.about(null, taskUUID), status, null);
    }
}
