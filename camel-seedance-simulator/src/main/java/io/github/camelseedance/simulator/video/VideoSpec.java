package io.github.camelseedance.simulator.video;

import java.util.Objects;

/**
 * What to render: the prompt shown in the frames, the requested frame size (its aspect ratio is kept, see
 * {@link RealVideoRenderer} for the actual pixel size), the duration in whole seconds and the container format.
 * Records compare by value, so a spec is also the cache key.
 *
 * @param prompt          text shown in the video; null is treated as empty
 * @param width           requested width in pixels, 1..8192
 * @param height          requested height in pixels, 1..8192
 * @param durationSeconds duration in seconds, 1..600
 * @param format          container format, not null
 */
public record VideoSpec(String prompt, int width, int height, int durationSeconds, VideoFormat format) {

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
}
