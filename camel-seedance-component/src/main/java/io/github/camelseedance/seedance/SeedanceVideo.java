package io.github.camelseedance.seedance;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.Exchange;
import org.apache.camel.WrappedFile;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * One generated video: the body of a generate or download exchange (a {@code List} of them when a task made several).
 * The video itself is in a temporary file, deleted when the exchange completes (with {@code streamVideo=true}, in a
 * {@link SeedanceVideoStream} read straight from Runware instead); Camel's type converters turn this into
 * an {@code InputStream}, {@code byte[]}, {@code File} or {@code Path}, so file, S3, FTP and HTTP endpoints take it as
 * it is. It is also a {@link WrappedFile}, so the file and S3 components copy or upload the file directly, with its
 * length known; a {@code file:} sink right after the component moves the video (a rename of a second name of the
 * temporary file, {@code CamelFileLocalWorkPath}) instead of copying it. The temporary file itself stays until the
 * exchange completes, so every later step reads the video from it.
 */
public final class SeedanceVideo implements WrappedFile<File> {

    private final String taskUUID;
    private final String videoUUID;
    private final String videoURL;
    private final Long seed;
    private final BigDecimal cost;
    private final String fileName;
    private final Path file;
    private final long size;
    private final String contentType;
    private final SeedanceVideoStream stream;
    private final AtomicBoolean streamTaken = new AtomicBoolean();

    /** A video in a file, or (file {@code null}) not downloaded. */
    public SeedanceVideo(String taskUUID, String videoUUID, String videoURL, Long seed, BigDecimal cost,
                         String fileName, Path file, long size, String contentType) {
        this(taskUUID, videoUUID, videoURL, seed, cost, fileName, file, size, contentType, null);
    }

    /** A video read straight from Runware: its stream, of {@code size} bytes (-1 when unknown). */
    public SeedanceVideo(String taskUUID, String videoUUID, String videoURL, Long seed, BigDecimal cost,
                         String fileName, long size, String contentType, SeedanceVideoStream stream) {
        this(taskUUID, videoUUID, videoURL, seed, cost, fileName, null, size, contentType, stream);
    }

    private SeedanceVideo(String taskUUID, String videoUUID, String videoURL, Long seed, BigDecimal cost,
                          String fileName, Path file, long size, String contentType, SeedanceVideoStream stream) {
        this.taskUUID = taskUUID;
        this.videoUUID = videoUUID;
        this.videoURL = videoURL;
        this.seed = seed;
        this.cost = cost;
        this.fileName = fileName;
        this.file = file;
        this.size = size;
        this.contentType = contentType;
        this.stream = stream;
    }

    /** The task that made this video. */
    public String getTaskUUID() {
        return taskUUID;
    }

    /** Runware's UUID of the video. */
    public String getVideoUUID() {
        return videoUUID;
    }

    /** Where Runware served the video (temporary). */
    public String getVideoURL() {
        return videoURL;
    }

    /** The seed this result was generated with, when reported. */
    public Long getSeed() {
        return seed;
    }

    /** The cost of this result in USD, when includeCost was set. */
    public BigDecimal getCost() {
        return cost;
    }

    /** The file name to store the video under (for example the prompt file's base name with the video extension). */
    public String getFileName() {
        return fileName;
    }

    /** The temporary file holding the video, or {@code null} when the video was not downloaded. */
    public Path getPath() {
        return file;
    }

    /** The size of the video in bytes (0 when not downloaded; -1 when streamed with no length given). */
    public long getSize() {
        return size;
    }

    /** The MIME type of the video. */
    public String getContentType() {
        return contentType;
    }

    /** The temporary video file, or {@code null} when the video was not downloaded. */
    @Override
    public File getFile() {
        return file == null ? null : file.toFile();
    }

    /** The temporary video file, or {@code null} when the video was not downloaded. */
    @Override
    public Object getBody() {
        return getFile();
    }

    /** The size of the video file in bytes (0 when not downloaded). */
    @Override
    public long getFileLength() {
        return size;
    }

    /** Whether the video file was downloaded. */
    public boolean isDownloaded() {
        return file != null;
    }

    /** Whether the video is read straight from Runware, with no file ({@code streamVideo=true}). */
    public boolean isStreamed() {
        return stream != null;
    }

    /**
     * The video's bytes from the first: a new stream of its file; when streamed, the download opened for it, to the
     * first exchange that asks (closed when that one completes), and to every later one another download of the video,
     * opened when first read and closed when that exchange completes.
     *
     * @param  exchange    the exchange reading it, or {@code null} (the caller then closes what it gets)
     * @return             the stream, or {@code null} when the video was not downloaded
     * @throws IOException when the file cannot be opened
     */
    public InputStream openStream(Exchange exchange) throws IOException {
        if (file != null) {
            return Files.newInputStream(file);
        }
        if (stream == null) {
            return null;
        }
        if (streamTaken.compareAndSet(false, true)) {
            stream.reset();
            stream.closeWhenDone(exchange);
            return stream;
        }
        return (InputStream) stream.copy(exchange);
    }

    /**
     * Closes the download opened for a streamed video when the exchange completes, if nothing took it by then (a
     * later reader gets a download of its own); one taken is closed when its taker's exchange completes, whatever
     * became of this one (a wire tap reading on).
     */
    public void closeUnreadStreamWhenDone(Exchange exchange) {
        if (stream != null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    if (streamTaken.compareAndSet(false, true)) {
                        stream.close();
                    }
                }
            });
        }
    }

    @Override
    public String toString() {
        return "SeedanceVideo[" + fileName + ", " + size + " bytes" + (stream != null ? " streamed" : "") + ", task "
               + taskUUID + ", video " + videoUUID + "]";
    }
}
