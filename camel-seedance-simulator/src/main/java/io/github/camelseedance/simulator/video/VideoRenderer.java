package io.github.camelseedance.simulator.video;

/**
 * Renders a complete, playable video file for a spec. Implementations are thread-safe.
 */
public interface VideoRenderer {

    /**
     * @return the bytes of the whole video file in {@code spec.format()}; callers must not modify the array
     */
    byte[] render(VideoSpec spec);
}
