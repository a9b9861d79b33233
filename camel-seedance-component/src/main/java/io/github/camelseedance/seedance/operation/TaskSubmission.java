package io.github.camelseedance.seedance.operation;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.SeedanceProducer;
import io.github.camelseedance.seedance.cost.Admission;
import io.github.camelseedance.seedance.cost.Budget;
import io.github.camelseedance.seedance.journal.TaskEndedException;
import io.github.camelseedance.seedance.journal.TaskHandledElsewhereException;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.seedance.monitor.TaskLog;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits the task of an exchange so that it is billed once, and only when its price is admitted: the cost guard
 * prices it, checks its cap and reserves it in its budget before anything that could bill is sent; with an
 * idempotency key its task UUID is derived from the key and an existing task is resumed; the task is recorded in the
 * task store before the submit is sent, and the record is kept as long as the task may exist at Runware undelivered;
 * with the component's webhook configured, the task carries its webhook URL.
 */
final class TaskSubmission {

    private static final Logger LOG = LoggerFactory.getLogger(TaskSubmission.class);

    private final SeedanceEndpoint endpoint;
    private final Expression idempotencyKey;

    TaskSubmission(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
        String key = endpoint.getConfiguration().getIdempotencyKey();
        this.idempotencyKey = key == null
                ? null
                : endpoint.getCamelContext().resolveLanguage("simple").createExpression(key);
    }

    /**
     * The exchange's request with its idempotent task UUID, the component's webhook URL, and {@code includeCost} when
     * a budget charges the real cost.
     */
    VideoInferenceRequest prepare(Exchange exchange, VideoInferenceRequest request, SeedanceConfiguration options) {
        String key = idempotencyKey(exchange);
        SeedanceComponent component = endpoint.getComponent();
        boolean webhook = request.webhookURL() == null && component.isWebhookMode();
        boolean cost = Budget.of(options) != null && !Boolean.TRUE.equals(request.includeCost());
        if (key == null && !webhook && !cost) {
            return request;
        }
        VideoInferenceRequest.Builder builder = request.toBuilder();
        if (key != null) {
            builder.set("taskUUID", IdempotentTaskUUID.of(key));
        }
        if (webhook) {
            builder.set("webhookURL", component.runtime().webhookReceiver().callbackUrl());
        }
        if (cost) {
            builder.set("includeCost", true);
        }
        return builder.build();
    }

    /**
     * Admits, records and submits the task (or resumes it, with an idempotency key), and sets the task headers. A task
     * another instance holds is not submitted: generate waits until that instance hands it over (or its lease
     * expires), submit answers at once that it was submitted already. A submit that Runware refused (a failure that
     * is not {@linkplain RunwareException#retryable() retryable}) settles the task, releases its reservation and
     * forgets its record: it does not exist, and its work, when it comes again, is submitted again. A submit whose outcome stayed unknown (retries ran out on a network or server error) does
     * neither.
     *
     * @param  settled  {@code null} when the record stays until the {@code seedance:webhook} consumer or a download
     *                  delivers the results (submit); else the record ends with the exchange when the task is
     *                  settled for it by then, and stays (the task may exist, undelivered) when it is not (generate)
     * @param  deadline no submit retry starts after it, and each attempt's timeout ends at it; {@code null} for none
     * @return         the acknowledgement with the admission; fails with a {@code SeedanceCostException} when the
     *                 price is refused (nothing was sent but, with costCheck=dryRun, the dry run)
     */
    CompletableFuture<Submitted> submit(Exchange exchange, VideoInferenceRequest request, SeedanceConfiguration options,
                                        TaskSettlement settled, Instant deadline) {
        // the request is valid: VideoRequestFactory checked it against the model's rules, naming headers
        RunwareClient client = endpoint.services().client();
        return endpoint.getComponent().runtime().costGuard().admit(exchange, request, options, client)
                .thenCompose(admission -> record(exchange, request, settled, deadline)
                        .handle((ack, failure) -> submitted(exchange, request, admission, ack, failure)));
    }

    private CompletableFuture<SubmitAck> record(Exchange exchange, VideoInferenceRequest request,
                                                TaskSettlement settled, Instant deadline) {
        TaskJournal journal = endpoint.getComponent().runtime().taskJournal();
        boolean generate = settled != null;
        String key = idempotencyKey(exchange);
        String taskUUID = request.taskUUID();
        TaskRecord record = TaskRecord.of(taskUUID, key, request.expectedResults(), request.outputFormat(),
                OutputHeaders.incomingFileName(exchange), request.model(),
                System.currentTimeMillis());
        TaskJournal.Claim claim = journal.record(record);
        if (generate) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    journal.stopAwaiting(taskUUID);
                    if (settled.endsWith(done) && settled.withoutVideos()) {
                        journal.endWithoutVideos(taskUUID,
                                done.getException() != null ? done.getException().getMessage() : null);
                    } else if (settled.endsWith(done)) {
                        journal.removeIfHeld(taskUUID);
                    } else {
                        TaskLog.info(LOG, taskUUID, "Seedance task {} may exist at Runware undelivered: its record is "
                                                    + "kept, and the instance holding it waits for it and hands its "
                                                    + "results to seedance:webhook (or to a redelivery of its work)",
                                taskUUID);
                    }
                    journal.release(taskUUID);
                }
            });
        }
        CompletableFuture<SubmitAck> submitted;
        RuntimeException ended = generate ? cameAgain(journal, claim, taskUUID) : null;
        if (ended != null) {
            settled.settle();
            return CompletableFuture.failedFuture(ended);
        }
        if (claim == TaskJournal.Claim.HELD_ELSEWHERE && !generate) {
            submitted = CompletableFuture.completedFuture(new SubmitAck(taskUUID, true));
        } else if (claim == TaskJournal.Claim.HELD_ELSEWHERE) {
            long timeout = MessageConfiguration.bind(exchange, endpoint.getConfiguration()).waitPolicy().timeout()
                    .toMillis();
            submitted = journal.awaitLease(taskUUID, System.currentTimeMillis() + timeout)
                    .thenCompose(handedOver -> {
                        RuntimeException done = cameAgain(journal, journal.recordAgain(record), taskUUID);
                        if (done != null) {
                            settled.settle();
                            return CompletableFuture.<SubmitAck>failedFuture(done);
                        }
                        return endpoint.services().client().submitOnce(request, deadline);
                    });
        } else {
            submitted = key != null
                    ? endpoint.services().client().submitOnce(request, deadline)
                    : endpoint.services().client().submit(request, deadline);
        }
        return submitted.whenComplete((ack, failure) -> {
            if (ack != null) {
                journal.acknowledged(taskUUID);
            } else if (refusedByRunware(SeedanceProducer.unwrap(failure))) {
                if (generate) {
                    settled.settle();
                }
                journal.forgetUnacknowledged(taskUUID); // the task does not exist: its work may come again
            }
            if (!generate) {
                journal.release(taskUUID);
            }
        });
    }

    private static Submitted submitted(Exchange exchange, VideoInferenceRequest request, Admission admission,
                                       SubmitAck ack, Throwable failure) {
        if (failure != null) {
            Throwable cause = SeedanceProducer.unwrap(failure);
            if (refusedByRunware(cause)) {
                admission.forget();
            } else if (cause instanceof TaskHandledElsewhereException || cause instanceof TaskEndedException) {
                admission.withdraw();
            } else if (admission.reserved()) {
                TaskLog.warn(LOG, request.taskUUID(), "The submit of Seedance task {} failed without a clear answer "
                                                      + "({}): its price stays reserved in its budget, as Runware may "
                                                      + "have accepted it",
                        request.taskUUID(), cause.getMessage());
            }
            throw cause instanceof CompletionException completion ? completion : new CompletionException(cause);
        }
        Message message = exchange.getMessage();
        OutputHeaders.showTaskUUID(exchange, ack.taskUUID());
        message.setHeader(SeedanceConstants.RESUMED, ack.alreadySubmitted());
        message.setHeader(SeedanceConstants.STATUS, TaskState.PROCESSING.apiName());
        return new Submitted(ack, admission);
    }

    /** Whether Runware refused the submit (a failure that is not retryable: 4xx, a validation error): never ran. */
    private static boolean refusedByRunware(Throwable failure) {
        return failure instanceof RunwareException refused && !refused.retryable();
    }

    /**
     * The failure for work that came again after its task ended (a finished record kept for the task retention), else
     * {@code null}: that task is delivered, or ended without its videos.
     */
    private static RuntimeException cameAgain(TaskJournal journal, TaskJournal.Claim claim, String taskUUID) {
        TaskRecord finished = claim == TaskJournal.Claim.FINISHED ? journal.store().get(taskUUID) : null;
        return finished != null ? TaskJournal.cameAgain(finished) : null;
    }

    /**
     * The idempotency key of the exchange: its header, else the option's expression evaluated; a key that is empty
     * would give every such exchange one and the same task, so it is refused.
     */
    private String idempotencyKey(Exchange exchange) {
        String header = exchange.getMessage().getHeader(SeedanceConstants.IDEMPOTENCY_KEY, String.class);
        if (header != null) {
            if (header.isBlank()) {
                throw InvalidInput.of(SeedanceConstants.IDEMPOTENCY_KEY, header, "a text that names the work, not "
                                                                                 + "blank (a blank key would give every such exchange the same task)");
            }
            return header;
        }
        if (idempotencyKey == null) {
            return null;
        }
        String key = idempotencyKey.evaluate(exchange, String.class);
        if (key == null || key.isBlank()) {
            throw InvalidInput.of("idempotencyKey", endpoint.getConfiguration().getIdempotencyKey() + " gave '"
                                                    + (key == null ? "" : key) + "'",
                    "an expression that gives a text naming the work, not an empty one "
                                                                                      + "(every such exchange would share one task)");
        }
        return key;
    }

    /**
     * A task Runware accepted (or that existed already).
     *
     * @param ack       the acknowledgement
     * @param admission its price and budget reservation
     */
    record Submitted(SubmitAck ack, Admission admission) {
    }
}
