package io.github.camelseedance.seedance.operation;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.journal.TaskRecord;
import org.apache.camel.Exchange;

/**
 * download: fetch finished video(s) into temporary files, by URL ({@code CamelSeedanceVideoURL}) or by task
 * ({@code CamelSeedanceTaskUUID}, or a text body; getTaskDetails recovers a task getResponse no longer knows), with
 * the same body and headers as generate gives; a finished task's results are charged to its budget at their real
 * cost (once, however often it is downloaded). Transient failures of the download are retried within
 * {@code waitTimeout}.
 */
final class DownloadOperation implements OperationHandler {

    private final SeedanceEndpoint endpoint;
    private final VideoDelivery delivery;

    DownloadOperation(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
        this.delivery = new VideoDelivery(endpoint);
    }

    @Override
    public CompletableFuture<Void> process(Exchange exchange) {
        SeedanceConfiguration options = MessageConfiguration.bind(exchange, endpoint.getConfiguration()).options();
        Instant deadline = Instant.now().plus(Duration.ofMillis(options.getWaitTimeout()));
        String url = exchange.getMessage().getHeader(SeedanceConstants.VIDEO_URL, String.class);
        if (url != null) {
            String taskUUID = exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
            URI videoURL = URI.create(url.trim());
            String videoUUID = exchange.getMessage().getHeader(SeedanceConstants.VIDEO_UUID, String.class);
            VideoItem item = new VideoItem(taskUUID, null, videoUUID != null ? videoUUID : uuidOf(videoURL), videoURL,
                    null, null, null);
            return delivery.deliver(exchange, taskUUID, List.of(item), options.getOutputFormat(),
                    options, 1, 0, deadline);
        }
        String taskUUID = StatusOperation.taskUUID(exchange);
        return endpoint.services().client().taskStatus(taskUUID).thenCompose(status -> {
            if (status.state() == TaskState.NOT_FOUND) {
                return CompletableFuture.failedFuture(status.error());
            }
            if (!status.isFinal()) {
                return CompletableFuture.failedFuture(notFinished(status));
            }
            TaskRecord task = endpoint.getComponent().runtime().taskJournal().get(taskUUID);
            endpoint.getComponent().runtime().costGuard().settle(taskUUID, task == null ? null : task.model(),
                    status.items(), true);
            return delivery.deliverTask(exchange, status, options.getOutputFormat(), options, deadline)
                    .whenComplete((done, failure) -> {
                        if (failure == null || status.items().isEmpty()) {
                            endpoint.getComponent().runtime().taskJournal().remove(taskUUID);
                        }
                    });
        });
    }

    private static IllegalStateException notFinished(TaskStatus status) {
        return new IllegalStateException("Seedance task " + status.taskUUID() + " has no video to download yet: it is "
                                         + status.state().apiName()
                                         + (status.progress() != null ? " (" + status.progress() + "%)" : ""));
    }

    /** A URL download without a video UUID gets one from the URL's file name, for the temporary file's name. */
    private static String uuidOf(URI url) {
        String path = url.getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name.isEmpty() ? "video" : name;
    }
}
