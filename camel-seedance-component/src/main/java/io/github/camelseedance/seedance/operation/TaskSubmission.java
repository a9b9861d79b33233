package io.github.camelseedance.seedance.operation;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskRecord;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Submits the task of an exchange so that it is billed once: with an idempotency key its task UUID is derived from
 * the key and an existing task is resumed; the task is recorded in the task repository before the submit is sent and
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
     * Records and submits the task (or resumes it, with an idempotency key), and sets the task headers.
     *
     * @param forgetWhenDone whether the record ends with the exchange (generate), or stays until the webhook consumer
     *                       delivers the results (submit)
     */
    CompletableFuture<SubmitAck> submit(Exchange exchange, VideoInferenceRequest request, boolean forgetWhenDone) {
        return submit(exchange, request, forgetWhenDone, null);
    }

    /**
     * Records and submits the task like {@link #submit(Exchange, VideoInferenceRequest, boolean)}, retrying it only
     * until {@code deadline}.
     */
    CompletableFuture<SubmitAck> submit(Exchange exchange, VideoInferenceRequest request, boolean forgetWhenDone,
                                        Instant deadline) {
        RunwareClient.validate(request);
        TaskJournal journal = endpoint.getComponent().runtime().taskJournal();
        String key = idempotencyKey(exchange);
        journal.record(new TaskRecord(request.taskUUID(), request.expectedResults(), request.outputFormat(),
                OutputHeaders.incomingFileName(exchange), key, System.currentTimeMillis()));
        if (forgetWhenDone) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    journal.remove(request.taskUUID());
                }
            });
        }
        CompletableFuture<SubmitAck> submitted = key != null
                ? endpoint.services().client().submitOnce(request, deadline)
                : endpoint.services().client().submit(request, deadline);
        return submitted.thenApply(ack -> {
            Message message = exchange.getMessage();
            OutputHeaders.writeTaskUUID(exchange, ack.taskUUID());
            message.setHeader(SeedanceConstants.RESUMED, ack.alreadySubmitted());
            message.setHeader(SeedanceConstants.STATUS, "processing");
            return ack;
        });
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
                    + (key == null ? "" : key) + "'", "an expression that gives a text naming the work, not an empty one "
                    + "(every such exchange would share one task)");
        }
        return key;
    }
}
