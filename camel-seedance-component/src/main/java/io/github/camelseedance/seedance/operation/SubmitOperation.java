package io.github.camelseedance.seedance.operation;

import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.monitor.ActiveTask;
import io.github.camelseedance.seedance.monitor.TaskLog;
import org.apache.camel.Exchange;

/**
 * submit: validate and submit the task (exactly once, with an idempotency key), and return at once with its UUID
 * (body and header), for routes that collect the result elsewhere: status, download, or the {@code seedance:webhook}
 * consumer, which routes the results of tasks recorded in the task store.
 */
final class SubmitOperation implements OperationHandler {

    private final SeedanceEndpoint endpoint;
    private final VideoRequestFactory requests;
    private final TaskSubmission submission;

    SubmitOperation(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
        this.requests = new VideoRequestFactory(endpoint.getConfiguration(), endpoint.getComponent().isProviderRules());
        this.submission = new TaskSubmission(endpoint);
    }

    @Override
    public CompletableFuture<Void> process(Exchange exchange) {
        MessageConfiguration message = MessageConfiguration.bind(exchange, endpoint.getConfiguration());
        VideoInferenceRequest request = submission.prepare(exchange, requests.create(exchange, message),
                message.options());
        return GenerateOperation.withTaskUUID(exchange,
                submission.submit(exchange, request, message.options(), null, null)
                        .thenAccept(submitted -> {
                            ActiveTask task = endpoint.getComponent().runtime().monitor().submitted(request,
                                    submitted.admission().amount(), false);
                            TaskLog.submitted(task, submitted.ack().alreadySubmitted(),
                                    "; its results go to seedance:webhook");
                            OutputHeaders.writeTaskUUID(exchange, submitted.ack().taskUUID());
                            exchange.getMessage().setBody(submitted.ack().taskUUID());
                        }),
                request.taskUUID());
    }
}
