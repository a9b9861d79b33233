package io.github.camelseedance.seedance;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Path;

import org.apache.camel.WrappedFile;

/**
 * One generated video: the body of a generate or download exchange (a {@code List} of them when a task made several).
 * The video itself is in a temporary file, deleted when the exchange completes; Camel's type converters turn this into
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

    public SeedanceVideo(String taskUUID, String videoUUID, String videoURL, Long seed, BigDecimal cost,
                         String fileName, Path file, long size, String contentType) {
        this.taskUUID = taskUUID;
        this.videoUUID = videoUUID;
        this.videoURL = videoURL;
        this.seed = seed;
        this.cost = cost;
        this.fileName = fileName;
        this.file = file;
        this.size = size;
        this.contentType = contentType;
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

    /** The size of the video in bytes (0 when not downloaded). */
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

    @Override
    public String toString() {
        return "SeedanceVideo[" + fileName + ", " + size + " bytes, task " + taskUUID + ", video " + videoUUID + "]";
    }
}
