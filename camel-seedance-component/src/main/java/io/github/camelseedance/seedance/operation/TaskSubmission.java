package io.github.camelseedance.seedance.operation;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskHandledElsewhereException;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskRecord;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Submits the task of an exchange so that it is billed once: with an idempotency key its task UUID is derived from
 * the key and an existing task is resumed; the task is recorded in the task store before the submit is sent and
 * forgotten when the exchange is done; with the component's webhook configured, the task carries its webhook URL.
 */
final class TaskSubmission {

    private final SeedanceEndpoint endpoint;
    private final Expression idempotencyKey;

    TaskSubmission(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
        String key = endpoint.getConfiguration().getIdempotencyKey();
        this.idempotencyKey = key == null ? null
                : endpoint.getCamelContext().resolveLanguage("simple").createExpression(key);
    }

    /** The exchange's request with its idempotent task UUID and the component's webhook URL, when they apply. */
    VideoInferenceRequest prepare(Exchange exchange, VideoInferenceRequest request) {
        VideoInferenceRequest.Builder builder = request.toBuilder();
        String key = idempotencyKey(exchange);
        if (key != null) {
            builder.set("taskUUID", IdempotentTaskUUID.of(key));
        }
        SeedanceComponent component = endpoint.getComponent();
        if (request.webhookURL() == null && component.isWebhookMode()) {
            builder.set("webhookURL", component.runtime().webhookReceiver().callbackUrl());
        }
        return builder.build();
    }

    /**
     * Records and submits the task (or resumes it, with an idempotency key), and sets the task headers. A task another
     * instance holds is not submitted: generate waits until that instance hands it over (or its lease expires),
     * submit answers at once that it was submitted already.
     *
     * @param generate whether the exchange waits for the results (the record ends with the exchange), or the record
     *                 stays until the webhook consumer delivers them (submit)
     */
    CompletableFuture<SubmitAck> submit(Exchange exchange, VideoInferenceRequest request, boolean generate) {
        RunwareClient.validate(request);
        TaskJournal journal = endpoint.getComponent().runtime().taskJournal();
        String key = idempotencyKey(exchange);
        String taskUUID = request.taskUUID();
        TaskRecord record = TaskRecord.of(taskUUID, key, request.expectedResults(), request.outputFormat(),
                exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class), request.model(),
                System.currentTimeMillis());
        TaskJournal.Claim claim = journal.record(record);
        if (generate) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    journal.stopAwaiting(taskUUID);
                    journal.removeIfHeld(taskUUID);
                    journal.release(taskUUID);
                }
            });
        }
        CompletableFuture<SubmitAck> submitted;
        TaskHandledElsewhereException deliveredElsewhere = generate ? deliveredElsewhere(journal, claim, taskUUID) : null;
        if (deliveredElsewhere != null) {
            return CompletableFuture.failedFuture(deliveredElsewhere);
        }
        if (claim == TaskJournal.Claim.HELD_ELSEWHERE && !generate) {
            submitted = CompletableFuture.completedFuture(new SubmitAck(taskUUID, true));
        } else if (claim == TaskJournal.Claim.HELD_ELSEWHERE) {
            long timeout = MessageConfiguration.bind(exchange, endpoint.getConfiguration()).waitPolicy().timeout()
                    .toMillis();
            submitted = journal.awaitLease(taskUUID, System.currentTimeMillis() + timeout)
                    .thenCompose(handedOver -> {
                        TaskHandledElsewhereException done = deliveredElsewhere(journal, journal.recordAgain(record),
                                taskUUID);
                        return done != null ? CompletableFuture.<SubmitAck> failedFuture(done)
                                : endpoint.services().client().submitOnce(request);
                    });
        } else {
            submitted = key != null
                    ? endpoint.services().client().submitOnce(request)
                    : endpoint.services().client().submit(request);
        }
        return submitted.whenComplete((ack, failure) -> {
            if (ack != null) {
                journal.acknowledged(taskUUID);
            }
            if (!generate) {
                journal.release(taskUUID);
            }
        }).thenApply(ack -> {
            Message message = exchange.getMessage();
            message.setHeader(SeedanceConstants.TASK_UUID, ack.taskUUID());
            message.setHeader(SeedanceConstants.RESUMED, ack.alreadySubmitted());
            message.setHeader(SeedanceConstants.STATUS, "processing");
            return ack;
        });
    }

    /**
     * The failure for work that came again after its task was delivered (a finished record kept for the task
     * retention), else {@code null}: that task is done.
     */
    private static TaskHandledElsewhereException deliveredElsewhere(TaskJournal journal, TaskJournal.Claim claim,
                                                             String taskUUID) {
        TaskRecord finished = claim == TaskJournal.Claim.FINISHED ? journal.store().get(taskUUID) : null;
        return finished != null ? TaskHandledElsewhereException.deliveredBy(taskUUID, finished.owner()) : null;
    }

    private String idempotencyKey(Exchange exchange) {
        String header = exchange.getMessage().getHeader(SeedanceConstants.IDEMPOTENCY_KEY, String.class);
        if (header != null) {
            return header;
        }
        return idempotencyKey == null ? null : idempotencyKey.evaluate(exchange, String.class);
    }
}
