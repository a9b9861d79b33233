package io.github.camelseedance.simulator.video;

import java.util.Arrays;
import java.util.Objects;

/**
 * What to render: the prompt shown in the frames, the requested frame size (its aspect ratio is kept, see
 * {@link RealVideoRenderer} for the actual pixel size), the duration in whole seconds, the container format, the
 * result's seed (the picture depends on it, so the results of one task differ), whether it has an audio track, and
 * the images it starts and ends on (PNG or JPEG files as given; null for none). A spec is the renderer's cache key:
 * it compares by value, images by content.
 *
 * @param prompt          text shown in the video; null is treated as empty
 * @param width           requested width in pixels, 1..8192
 * @param height          requested height in pixels, 1..8192
 * @param durationSeconds duration in seconds, 1..600
 * @param format          container format, not null
 * @param seed            the result's seed
 * @param audio           whether the file carries an audio track
 * @param firstFrame      the image the video starts on, or null
 * @param lastFrame       the image the video ends on, or null
 */
public record VideoSpec(String prompt, int width, int height, int durationSeconds, VideoFormat format, long seed,
                        boolean audio, byte[] firstFrame, byte[] lastFrame) {

    /** Largest accepted width or height. */
    public static final int MAX_DIMENSION = 8192;
    /** Longest accepted duration in seconds. */
    public static final int MAX_DURATION_SECONDS = 600;

    public VideoSpec {
        prompt = prompt == null ? "" : prompt;
        Objects.requireNonNull(format, "format");
        if (width < 1 || width > MAX_DIMENSION) {
            throw new IllegalArgumentException("width must be 1.." + MAX_DIMENSION + ": " + width);
        }
        if (height < 1 || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("height must be 1.." + MAX_DIMENSION + ": " + height);
        }
        if (durationSeconds < 1 || durationSeconds > MAX_DURATION_SECONDS) {
            throw new IllegalArgumentException(
                    "durationSeconds must be 1.." + MAX_DURATION_SECONDS + ": " + durationSeconds);
        }
    }

    /** A silent text-to-video spec with seed 0. */
    public VideoSpec(String prompt, int width, int height, int durationSeconds, VideoFormat format) {
        this(prompt, width, height, durationSeconds, format, 0, false, null, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VideoSpec o && prompt.equals(o.prompt) && width == o.width && height == o.height
               && durationSeconds == o.durationSeconds && format == o.format && seed == o.seed && audio == o.audio
               && Arrays.equals(firstFrame, o.firstFrame) && Arrays.equals(lastFrame, o.lastFrame);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prompt, width, height, durationSeconds, format, seed, audio)
               + 31 * Arrays.hashCode(firstFrame) + 961 * Arrays.hashCode(lastFrame);
    }

    @Override
    public String toString() {
        return "VideoSpec[prompt=" + prompt + ", width=" + width + ", height=" + height + ", durationSeconds="
               + durationSeconds + ", format=" + format + ", seed=" + seed + ", audio=" + audio + ", firstFrame="
               + describe(firstFrame) + ", lastFrame=" + describe(lastFrame) + "]";
    }

    private static String describe(byte[] image) {
        return image == null ? "none" : image.length + " bytes";
    }
}
