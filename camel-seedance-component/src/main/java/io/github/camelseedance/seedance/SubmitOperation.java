package io.github.camelseedance.seedance;

import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.runware.VideoInferenceRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * submit: validate and submit the task, and return at once with its UUID (body and header), for routes that collect
 * the result elsewhere (status, download, a webhook).
 */
final class SubmitOperation implements OperationHandler {

    private final SeedanceEndpoint endpoint;
    private final VideoRequestFactory requests;

    SubmitOperation(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
        this.requests = new VideoRequestFactory(endpoint.getConfiguration());
    }

    @Override
    public CompletableFuture<Void> process(Exchange exchange) {
        VideoInferenceRequest request = requests.create(exchange);
        return endpoint.services().client().submit(request).thenAccept(ack -> {
            Message message = exchange.getMessage();
            message.setHeader(SeedanceConstants.TASK_UUID, ack.taskUUID());
            message.setHeader(SeedanceConstants.RESUMED, ack.alreadySubmitted());
            message.setHeader(SeedanceConstants.STATUS, "processing");
            message.setBody(ack.taskUUID());
        });
    }
}
