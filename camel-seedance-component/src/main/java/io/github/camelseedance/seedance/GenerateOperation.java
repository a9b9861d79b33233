package io.github.camelseedance.seedance;

import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.runware.TaskStatus;
import io.github.camelseedance.runware.VideoInferenceRequest;
import io.github.camelseedance.runware.WaitPolicy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * generate: submit the task, wait for it on the component's shared poll loop (no thread held), then download the
 * video(s) onto the exchange.
 */
final class GenerateOperation implements OperationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GenerateOperation.class);

    private final SeedanceEndpoint endpoint;
    private final VideoRequestFactory requests;
    private final VideoDelivery delivery;

    GenerateOperation(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
        this.requests = new VideoRequestFactory(endpoint.getConfiguration());
        this.delivery = new VideoDelivery(endpoint);
    }

    @Override
    public CompletableFuture<Void> process(Exchange exchange) {
        VideoInferenceRequest request = requests.create(exchange);
        WaitPolicy wait = MessageOptions.waitPolicy(exchange, endpoint.getConfiguration());
        RunwareServices services = endpoint.services();
        return services.client().submit(request)
                .thenCompose(ack -> {
                    Message message = exchange.getMessage();
                    message.setHeader(SeedanceConstants.TASK_UUID, ack.taskUUID());
                    message.setHeader(SeedanceConstants.RESUMED, ack.alreadySubmitted());
                    message.setHeader(SeedanceConstants.STATUS, "processing");
                    LOG.info("Seedance task {} {}: {} result(s) of {}", ack.taskUUID(),
                            ack.alreadySubmitted() ? "resumed" : "submitted", request.expectedResults(), request.model());
                    return services.tracker().track(ack.taskUUID(), request.expectedResults(), wait,
                            status -> progress(exchange, status));
                })
                .thenCompose(status -> delivery.deliver(exchange, status.taskUUID(), status.items(),
                        request.outputFormat()));
    }

    static void progress(Exchange exchange, TaskStatus status) {
        Message message = exchange.getMessage();
        message.setHeader(SeedanceConstants.STATUS, StatusOperation.statusText(status.state()));
        message.setHeader(SeedanceConstants.PROGRESS, status.progress());
        LOG.debug("Seedance task {} {} {}% ({} result(s) ready)", status.taskUUID(), status.state(),
                status.progress(), status.items().size());
    }
}
