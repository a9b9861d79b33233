package io.github.camelseedance.seedance.operation;

import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;

/**
 * download: fetch finished video(s) into temporary files, by URL ({@code CamelSeedanceVideoURL}) or by task
 * ({@code CamelSeedanceTaskUUID}, or a text body), with the same body and headers as generate gives.
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
        String outputFormat = options.getOutputFormat();
        boolean download = options.isDownloadVideo();
        String url = exchange.getMessage().getHeader(SeedanceConstants.VIDEO_URL, String.class);
        if (url != null) {
            String taskUUID = exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
            VideoItem item = new VideoItem(taskUUID, exchange.getMessage().getHeader(SeedanceConstants.VIDEO_UUID,
                    String.class), URI.create(url.trim()), null, null, null, null);
            return delivery.deliver(exchange, taskUUID, List.of(itemWithUuid(item)), outputFormat, download);
        }
        String taskUUID = StatusOperation.taskUUID(exchange);
        return endpoint.services().client().getResponses(List.of(taskUUID)).thenCompose(statuses -> {
            TaskStatus status = statuses.get(taskUUID);
            if (status.state() == TaskState.SUCCESS && !status.items().isEmpty()) {
                return delivery.deliver(exchange, taskUUID, status.items(), outputFormat, download)
                        .thenRun(() -> endpoint.getComponent().runtime().taskJournal().remove(taskUUID));
            }
            if (status.error() != null) {
                return CompletableFuture.failedFuture(status.error());
            }
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "Seedance task " + taskUUID + " has no video to download yet: it is "
                                                                            + StatusOperation.statusText(status.state())
                                                                            + (status.progress() != null
                                                                                    ? " (" + status.progress() + "%)"
                                                                                    : "")));
        });
    }

    /** A URL download without a video UUID gets one from the URL's file name, for the temporary file's name. */
    private static VideoItem itemWithUuid(VideoItem item) {
        if (item.videoUUID() != null) {
            return item;
        }
        String path = item.videoURL().getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String uuid = dot > 0 ? name.substring(0, dot) : name.isEmpty() ? "video" : name;
        return new VideoItem(item.taskUUID(), uuid, item.videoURL(), null, null, null, null);
    }
}
