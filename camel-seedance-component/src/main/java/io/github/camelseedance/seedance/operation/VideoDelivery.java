package io.github.camelseedance.seedance.operation;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.FailedResult;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.SeedancePartialFailure;
import io.github.camelseedance.seedance.SeedancePartialFailureException;
import io.github.camelseedance.seedance.SeedanceProducer;
import io.github.camelseedance.seedance.SeedanceVideo;
import io.github.camelseedance.seedance.SeedanceVideoStream;
import io.github.camelseedance.seedance.monitor.TaskLog;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.FileUtil;
import org.apache.camel.util.MimeTypeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts finished videos on an exchange: downloads each to a temporary file (streamed, never whole in memory) that is
 * deleted when the exchange completes (see {@link io.github.camelseedance.seedance.runtime.TemporaryVideos}), or
 * (streamVideo) opens its download for the sink to read as a {@link SeedanceVideoStream}, and sets
 * the body and the result headers; a single video is offered to a {@code file:} sink to be moved, not copied
 * ({@link LocalWorkFile}). Failed results of a task are reported in headers, and fail the exchange as the
 * {@code partialFailure} option says.
 */
public final class VideoDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(VideoDelivery.class);

    private final SeedanceEndpoint endpoint;

    public VideoDelivery(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Delivers a finished task: its successful results as {@link #deliver} does, its failed ones in
     * {@code CamelSeedanceFailedResultCount} and {@code CamelSeedanceFailedResults}; with failures and
     * {@code partialFailure=fail} the future then fails with a {@link SeedancePartialFailureException} holding the
     * videos.
     *
     * @param deadline downloads retry transient failures while retries start before it
     */
    public CompletableFuture<Void> deliverTask(Exchange exchange, TaskStatus status, String outputFormat,
                                               SeedanceConfiguration options, Instant deadline) {
        reportFailures(exchange, status.failures().stream().map(FailedResult::error).toList());
        if (status.items().isEmpty()) {
            return CompletableFuture.failedFuture(status.error());
        }
        return deliver(exchange, status.taskUUID(), status.items(), outputFormat, options, status.items().size(), 0,
                deadline).thenCompose(delivered -> {
                    if (status.failures().isEmpty() || options.getPartialFailure() != SeedancePartialFailure.fail) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return CompletableFuture.failedFuture(new SeedancePartialFailureException(status.taskUUID(),
                            videosOf(exchange), status.failures()));
                });
    }

    /**
     * Reports failed results on the exchange: their number, and each as {@code code: message}.
     *
     * @param failures the failures, none when every result succeeded
     */
    public static void reportFailures(Exchange exchange, List<RunwareException> failures) {
        Message message = exchange.getMessage();
        message.setHeader(SeedanceConstants.FAILED_RESULT_COUNT, failures.size());
        message.setHeader(SeedanceConstants.FAILED_RESULTS, failures.stream()
                .map(f -> f.code() + ": " + f.getMessage()).toList());
    }

    /**
     * The failures of a task none of whose results succeeded, as the tracker reports them: the first failure, the
     * others suppressed in it.
     */
    static List<RunwareException> failuresOf(RunwareException taskFailure) {
        List<RunwareException> failures = new ArrayList<>(List.of(taskFailure));
        for (Throwable other : taskFailure.getSuppressed()) {
            if (other instanceof RunwareException runware) {
                failures.add(runware);
            }
        }
        return failures;
    }

    @SuppressWarnings("unchecked")
    private static List<SeedanceVideo> videosOf(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof SeedanceVideo video ? List.of(video) : (List<SeedanceVideo>) body;
    }

    /**
     * Downloads (as the downloadVideo and streamVideo options say: to a file, as a stream, or not) some finished
     * results of a task of {@code totalResults}, the first of them being result number {@code firstIndex} (from 0),
     * and sets them on the exchange: one {@link SeedanceVideo} body, or a {@code List} of them when the task has
     * several. Results delivered one by one (webhooks) get the same names as all at once.
     *
     * @param deadline downloads (for a stream: its opening) retry transient failures while retries start before it
     */
    public CompletableFuture<Void> deliver(Exchange exchange, String taskUUID, List<VideoItem> items,
                                           String outputFormat, SeedanceConfiguration options, int totalResults,
                                           int firstIndex, Instant deadline) {
        String baseName = baseName(exchange, taskUUID != null ? taskUUID : items.get(0).videoUUID());
        List<CompletableFuture<SeedanceVideo>> videos = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            VideoItem item = items.get(i);
            String extension = extension(item.videoURL(), outputFormat);
            String fileName = totalResults == 1
                    ? baseName + "." + extension
                    : baseName + "-" + (firstIndex + i + 1) + "." + extension;
            if (!options.isDownloadVideo()) {
                videos.add(CompletableFuture.completedFuture(video(item, fileName, null, 0, contentType(extension))));
            } else if (options.isStreamVideo()) {
                videos.add(stream(exchange, item, fileName, extension, deadline));
            } else {
                videos.add(download(exchange, item, fileName, extension, deadline));
            }
        }
        return CompletableFuture.allOf(videos.toArray(CompletableFuture[]::new))
                .thenRun(() -> {
                    List<SeedanceVideo> delivered = videos.stream().map(CompletableFuture::join).toList();
                    setResult(exchange, taskUUID, delivered);
                    LocalWorkFile.handOver(exchange, delivered.size() == 1 ? delivered.get(0) : null,
                            endpoint.getComponent().runtime().temporaryVideos());
                });
    }

    private CompletableFuture<SeedanceVideo> download(Exchange exchange, VideoItem item, String fileName,
                                                      String extension, Instant deadline) {
        Path target = endpoint.tempDirectory().resolve(item.videoUUID() + "-" + exchange.getExchangeId() + "."
                                                       + extension);
        endpoint.getComponent().runtime().temporaryVideos().bind(exchange, target);
        return aboutTask(endpoint.services().client().downloadVideo(item, target, deadline), item)
                .thenApply(file -> video(item, fileName, file.path(), file.size(),
                        file.contentType() != null ? file.contentType() : contentType(extension)));
    }

    /**
     * Opens the video's download, to be read by the sink (opening it takes a download slot until its answer's headers
     * came); closed when the exchange completes if nothing took it. Reading it again downloads the video again.
     */
    private CompletableFuture<SeedanceVideo> stream(Exchange exchange, VideoItem item, String fileName,
                                                    String extension, Instant deadline) {
        RunwareClient client = endpoint.services().client();
        SeedanceVideoStream.Reopener reopener = () -> {
            try {
                return aboutTask(client.openVideo(item, null), item).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while opening the video " + item.videoUUID());
            } catch (ExecutionException e) {
                Throwable cause = SeedanceProducer.unwrap(e);
                throw new IOException("Cannot download the video " + item.videoUUID() + " again: "
                                      + cause.getMessage(),
                        cause);
            }
        };
        return aboutTask(client.openVideo(item, deadline), item).thenApply(opened -> {
            SeedanceVideo video = new SeedanceVideo(item.taskUUID(), item.videoUUID(),
                    Objects.toString(item.videoURL(), null), item.seed(), item.cost(), fileName, opened.length(),
                    opened.contentType() != null ? opened.contentType() : contentType(extension),
                    new SeedanceVideoStream(reopener, opened.length(), opened));
            video.closeUnreadStreamWhenDone(exchange);
            return video;
        });
    }

    /** The future's Runware failure, naming the video's task. */
    private static <T> CompletableFuture<T> aboutTask(CompletableFuture<T> download, VideoItem item) {
        return download.exceptionallyCompose(failure -> {
            Throwable cause = SeedanceProducer.unwrap(failure);
            return CompletableFuture.failedFuture(cause instanceof RunwareException runware
                    ? runware.aboutTask(item.taskUUID())
                    : cause);
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
        message.setHeader(SeedanceConstants.STATUS, TaskState.SUCCESS.apiName());
        message.setHeader(SeedanceConstants.PROGRESS, 100);
        message.setHeader(SeedanceConstants.RESULT_COUNT, videos.size());
        message.setHeader(SeedanceConstants.VIDEO_UUID, first.getVideoUUID());
        message.setHeader(SeedanceConstants.VIDEO_URL, first.getVideoURL());
        message.setHeader(SeedanceConstants.SEED, first.getSeed());
        message.setHeader(SeedanceConstants.COST, totalCost(videos));
        message.setHeader(Exchange.CONTENT_TYPE, first.getContentType());
        if (first.isDownloaded() || first.isStreamed() && first.getSize() >= 0) {
            message.setHeader(Exchange.CONTENT_LENGTH, videos.size() == 1 ? first.getSize() : null);
        }
        OutputHeaders.writeFileName(exchange, first.getFileName());
        TaskLog.debug(LOG, taskUUID, "Seedance task {} delivered {} video(s): {}", taskUUID, videos.size(), videos);
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
