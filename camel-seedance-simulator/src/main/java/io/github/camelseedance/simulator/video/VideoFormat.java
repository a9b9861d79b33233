package io.github.camelseedance.simulator.video;

import java.util.Locale;
import java.util.Optional;

/**
 * Container formats a Runware video task can ask for ({@code outputFormat}).
 */
public enum VideoFormat {
    /** MPEG-4 Part 14 container with H.264 video. */
    MP4("mp4", "video/mp4"),
    /** QuickTime container (brand {@code qt  }) with H.264 video. */
    MOV("mov", "video/quicktime"),
    /** WebM (Matroska with DocType {@code webm}) with VP8 video. */
    WEBM("webm", "video/webm");

    private final String extension;
    private final String contentType;

    VideoFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** File extension without the dot: {@code mp4}, {@code mov}, {@code webm}. */
    public String extension() {
        return extension;
    }

    /** MIME type served for files of this format. */
    public String contentType() {
        return contentType;
    }

    /**
     * Lenient parse of an API {@code outputFormat} value (or a file extension / MIME type): case-insensitive,
     * surrounding white space and a leading dot ignored; {@code "quicktime"} and {@code "video/quicktime"} mean MOV.
     *
     * @throws IllegalArgumentException when the value is null, blank or not a known format
     */
    public static VideoFormat of(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException(
                "Unknown video format '" + value + "', expected one of MP4, WEBM, MOV"));
    }

    /** Like {@link #of(String)} but empty instead of throwing. */
    public static Optional<VideoFormat> find(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith(".")) {
            v = v.substring(1);
        }
        for (VideoFormat f : values()) {
            if (v.equals(f.extension) || v.equals(f.contentType) || v.equals(f.name().toLowerCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        if (v.equals("quicktime") || v.equals("qt")) {
            return Optional.of(MOV);
        }
        return Optional.empty();
    }
}
