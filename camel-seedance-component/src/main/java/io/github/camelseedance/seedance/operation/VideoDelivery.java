package io.github.camelseedance.seedance.operation;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.SeedanceProducer;
import io.github.camelseedance.seedance.SeedanceVideo;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.FileUtil;
import org.apache.camel.util.MimeTypeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts finished videos on an exchange: downloads each to a temporary file (streamed, never whole in memory) that is
 * deleted when the exchange completes (see {@link io.github.camelseedance.seedance.runtime.TemporaryVideos}), and sets
 * the body and the result headers.
 */
public final class VideoDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(VideoDelivery.class);

    private final SeedanceEndpoint endpoint;

    public VideoDelivery(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Downloads (when {@code download}, the downloadVideo option) the items of a finished task and sets them on the exchange: one
     * {@link SeedanceVideo} body, or a {@code List} of them when there are several.
     */
    public CompletableFuture<Void> deliver(Exchange exchange, String taskUUID, List<VideoItem> items, String outputFormat,
                                           boolean download) {
        return deliver(exchange, taskUUID, items, outputFormat, download, items.size(), 0, null);
    }

    /**
     * Delivers the items of a finished task like {@link #deliver(Exchange, String, List, String, boolean)}, with the
     * downloads done by {@code deadline} (generate's waitTimeout), else failed.
     */
    CompletableFuture<Void> deliver(Exchange exchange, String taskUUID, List<VideoItem> items, String outputFormat,
                                    boolean download, Instant deadline) {
        return deliver(exchange, taskUUID, items, outputFormat, download, items.size(), 0, deadline);
    }

    /**
     * Delivers some of the results of a task of {@code totalResults}, the first of them being result number
     * {@code firstIndex} (from 0): results delivered one by one (webhooks) get the same names as all at once.
     */
    public CompletableFuture<Void> deliver(Exchange exchange, String taskUUID, List<VideoItem> items, String outputFormat,
                                           boolean download, int totalResults, int firstIndex) {
        return deliver(exchange, taskUUID, items, outputFormat, download, totalResults, firstIndex, null);
    }

    private CompletableFuture<Void> deliver(Exchange exchange, String taskUUID, List<VideoItem> items,
                                            String outputFormat, boolean download, int totalResults, int firstIndex,
                                            Instant deadline) {
        String baseName = baseName(exchange, taskUUID != null ? taskUUID : items.get(0).videoUUID());
        List<CompletableFuture<SeedanceVideo>> videos = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            VideoItem item = items.get(i);
            String extension = extension(item.videoURL(), outputFormat);
            String fileName = totalResults == 1
                    ? baseName + "." + extension
                    : baseName + "-" + (firstIndex + i + 1) + "." + extension;
            videos.add(download ? download(exchange, item, fileName, extension, deadline) : CompletableFuture.completedFuture(
                    video(item, fileName, null, 0, contentType(extension))));
        }
        return CompletableFuture.allOf(videos.toArray(CompletableFuture[]::new))
                .thenRun(() -> setResult(exchange, taskUUID, videos.stream().map(CompletableFuture::join).toList()));
    }

    private CompletableFuture<SeedanceVideo> download(Exchange exchange, VideoItem item, String fileName,
                                                      String extension, Instant deadline) {
        Path target = endpoint.tempDirectory().resolve(item.videoUUID() + "-" + exchange.getExchangeId() + "."
                                                       + extension);
        endpoint.getComponent().runtime().temporaryVideos().bind(exchange, target);
        RunwareClient client = endpoint.services().client();
        return client.download(item.videoURL(), target, deadline)
                .exceptionallyCompose(failure -> fetchAgain(client, item, target, SeedanceProducer.unwrap(failure),
                        deadline))
                .thenApply(file -> video(item, fileName, file.path(), file.size(),
                        file.contentType() != null ? file.contentType() : contentType(extension)));
    }

    /**
     * A video URL that answers not found has expired: asks Runware for the task again, and downloads from the URL it
     * gives now if that is another one; else fails with an error naming the task and the video.
     */
    private static CompletableFuture<DownloadedFile> fetchAgain(RunwareClient client, VideoItem item, Path target,
                                                                Throwable failure, Instant deadline) {
        if (!(failure instanceof RunwareNotFoundException) || item.taskUUID() == null) {
            return CompletableFuture.failedFuture(failure);
        }
        return client.getResponses(List.of(item.taskUUID())).thenCompose(statuses -> {
            TaskStatus status = statuses.get(item.taskUUID());
            URI fresh = status == null ? null : status.items().stream()
                    .filter(candidate -> Objects.equals(candidate.videoUUID(), item.videoUUID()))
                    .map(VideoItem::videoURL).filter(Objects::nonNull).findFirst().orElse(null);
            if (fresh == null || fresh.equals(item.videoURL())) {
                return CompletableFuture.failedFuture(new RunwareNotFoundException(
                        "The video " + item.videoUUID() + " of Seedance task " + item.taskUUID()
                                                                                   + " is no longer served at "
                                                                                   + item.videoURL()
                                                                                   + " (its ttl expired) and Runware "
                                                                                   + "gives no other URL for it",
                        ((RunwareNotFoundException) failure).error(), 404, failure));
            }
            LOG.info("Video {} of task {} expired at its first URL; downloading it from {}", item.videoUUID(),
                    item.taskUUID(), fresh);
            return client.download(fresh, target, deadline);
        });
    }

    private static SeedanceVideo video(VideoItem item, String fileName, Path file, long size, String contentType) {
        return new SeedanceVideo(item.taskUUID(), item.videoUUID(), Objects.toString(item.videoURL(), null),
                item.seed(), item.cost(), fileName, file, size, contentType);
    }

    private static void setResult(Exchange exchange, String taskUUID, List<SeedanceVideo> videos) {
        Message message = exchange.getMessage();
        SeedanceVideo first = videos.get(0);
        message.setBody(videos.size() == 1 ? first : videos);
        OutputHeaders.writeTaskUUID(exchange, taskUUID);
        message.setHeader(SeedanceConstants.STATUS, "success");
        message.setHeader(SeedanceConstants.PROGRESS, 100);
        message.setHeader(SeedanceConstants.RESULT_COUNT, videos.size());
        message.setHeader(SeedanceConstants.VIDEO_UUID, first.getVideoUUID());
        message.setHeader(SeedanceConstants.VIDEO_URL, first.getVideoURL());
        message.setHeader(SeedanceConstants.SEED, first.getSeed());
        message.setHeader(SeedanceConstants.COST, totalCost(videos));
        message.setHeader(Exchange.CONTENT_TYPE, first.getContentType());
        if (first.isDownloaded()) {
            message.setHeader(Exchange.CONTENT_LENGTH, videos.size() == 1 ? first.getSize() : null);
        }
        OutputHeaders.writeFileName(exchange, first.getFileName());
        LOG.info("Seedance task {} delivered {} video(s): {}", taskUUID, videos.size(), videos);
    }

    private static BigDecimal totalCost(List<SeedanceVideo> videos) {
        BigDecimal total = null;
        for (SeedanceVideo video : videos) {
            if (video.getCost() != null) {
                total = total == null ? video.getCost() : total.add(video.getCost());
            }
        }
        return total;
    }

    /** The incoming file's name without extension (keeping its relative folder), else the fallback (a UUID). */
    private static String baseName(Exchange exchange, String fallback) {
        String incoming = OutputHeaders.incomingFileName(exchange);
        return incoming == null || incoming.isBlank() ? fallback : FileUtil.stripExt(incoming, true);
    }

    /** The extension of the video: from its URL when it has one, else from the requested output format. */
    static String extension(URI url, String outputFormat) {
        String path = url == null ? null : url.getPath();
        String extension = path == null ? null : FileUtil.onlyExt(FileUtil.stripPath(path), true);
        if (extension != null && !extension.isEmpty()) {
            return extension.toLowerCase(Locale.ROOT);
        }
        return outputFormat == null ? "mp4" : outputFormat.toLowerCase(Locale.ROOT);
    }

    private static String contentType(String extension) {
        String mime = MimeTypeHelper.probeMimeType("video." + extension);
        return mime != null && mime.startsWith("video/") ? mime : "video/mp4";
    }
}
