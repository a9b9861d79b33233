package io.github.camelseedance.seedance.operation;

import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * status: the state of the task in {@code CamelSeedanceTaskUUID} (or a text body), from {@code getResponse}, or from
 * {@code getTaskDetails} once getResponse no longer knows the task. The body becomes the {@link TaskStatus}; a failed
 * task is reported in it and in the headers, not thrown, so a route can branch on it.
 */
final class StatusOperation implements OperationHandler {

    private static final Pattern TASK_UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final SeedanceEndpoint endpoint;

    StatusOperation(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public CompletableFuture<Void> process(Exchange exchange) {
        String taskUUID = taskUUID(exchange);
        return endpoint.services().client().taskStatus(taskUUID).thenAccept(status -> {
            Message message = exchange.getMessage();
            OutputHeaders.writeTaskUUID(exchange, taskUUID);
            message.setHeader(SeedanceConstants.STATUS, status.state().apiName());
            message.setHeader(SeedanceConstants.PROGRESS, status.progress());
            message.setHeader(SeedanceConstants.RESULT_COUNT, status.items().size());
            VideoDelivery.reportFailures(exchange, status.failures().stream().map(f -> f.error()).toList());
            if (!status.items().isEmpty()) {
                VideoItem first = status.items().get(0);
                message.setHeader(SeedanceConstants.VIDEO_UUID, first.videoUUID());
                message.setHeader(SeedanceConstants.VIDEO_URL, String.valueOf(first.videoURL()));
            }
            message.setBody(status);
        });
    }

    /** The task UUID of a status or download exchange: the header, else a text body. */
    static String taskUUID(Exchange exchange) {
        String header = exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        String value = header != null ? header : MediaInputs.text(exchange, exchange.getMessage().getBody());
        if (value == null || value.isBlank()) {
            throw InvalidInput.of(SeedanceConstants.TASK_UUID, null,
                    "the UUID of a submitted task, in this header or as the message body");
        }
        String taskUUID = value.trim();
        if (!TASK_UUID.matcher(taskUUID).matches()) {
            throw InvalidInput.of(header != null ? SeedanceConstants.TASK_UUID : "body", taskUUID,
                    "the UUID of a submitted task (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }
        return taskUUID;
    }
}
