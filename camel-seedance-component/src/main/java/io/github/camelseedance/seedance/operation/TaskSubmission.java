package io.github.camelseedance.seedance.operation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.SeedanceProducer;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskRecord;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits the task of an exchange so that it is billed once: with an idempotency key its task UUID is derived from
 * the key and an existing task is resumed; the task is recorded in the task repository before the submit is sent, and
 * the record is kept as long as the task may exist at Runware undelivered; with the component's webhook configured,
 * the task carries its webhook URL.
 */
final class TaskSubmission {

    private static final Logger LOG = LoggerFactory.getLogger(TaskSubmission.class);

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
     * Records and submits the task (or resumes it, with an idempotency key), and sets the task headers. A submit that
     * Runware refused (a failure that is not {@linkplain RunwareException#retryable() retryable}) settles the task: it
     * does not exist. A submit whose outcome stayed unknown (retries ran out on a network or server error) does not.
     *
     * @param settled {@code null} when the record stays until the {@code seedance:webhook} consumer or a download
     *                delivers the results (submit); else the record ends with the exchange when this is set by then,
     *                and stays (the task may exist, undelivered) when it is not (generate)
     */
    CompletableFuture<SubmitAck> submit(Exchange exchange, VideoInferenceRequest request, AtomicBoolean settled) {
        endpoint.services().client().validate(request);
        TaskJournal journal = endpoint.getComponent().runtime().taskJournal();
        String key = idempotencyKey(exchange);
        String taskUUID = request.taskUUID();
        journal.record(new TaskRecord(taskUUID, request.expectedResults(), request.outputFormat(),
                exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class), key, System.currentTimeMillis()));
        if (settled != null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    if (settled.get()) {
                        journal.remove(taskUUID);
                    } else {
                        LOG.info("Seedance task {} may exist at Runware undelivered: its record is kept, to be resumed"
                                 + " after a restart, by a redelivery of its work or by a download of the task",
                                taskUUID);
                    }
                }
            });
        }
        CompletableFuture<SubmitAck> submitted = key != null
                ? endpoint.services().client().submitOnce(request)
                : endpoint.services().client().submit(request);
        return submitted.whenComplete((ack, failure) -> {
            if (failure != null && SeedanceProducer.unwrap(failure) instanceof RunwareException refused
                    && !refused.retryable()) {
                if (settled != null) {
                    settled.set(true);
                } else {
                    journal.remove(taskUUID);
                }
            }
        }).thenApply(ack -> {
            Message message = exchange.getMessage();
            message.setHeader(SeedanceConstants.TASK_UUID, ack.taskUUID());
            message.setHeader(SeedanceConstants.RESUMED, ack.alreadySubmitted());
            message.setHeader(SeedanceConstants.STATUS, TaskState.PROCESSING.apiName());
            return ack;
        });
    }

    private String idempotencyKey(Exchange exchange) {
        String header = exchange.getMessage().getHeader(SeedanceConstants.IDEMPOTENCY_KEY, String.class);
        if (header != null) {
            return header;
        }
        return idempotencyKey == null ? null : idempotencyKey.evaluate(exchange, String.class);
    }
}
