package io.github.camelseedance.simulator;

import io.github.camelseedance.simulator.video.SyntheticVideoSource;
import io.github.camelseedance.simulator.video.VideoRenderer;
import io.github.camelseedance.simulator.video.VideoSpec;

/**
 * Makes the file of one finished result: in fast mode a synthetic payload of the configured size, otherwise a real
 * video from the {@link VideoRenderer}, rendered at the requested size divided by {@code scaleDivisor} (each side
 * rounded down to an even number, at least 16 px) and with the requested duration.
 */
final class VideoOutputs {

    private static final int MIN_SIDE = 16;

    private final long syntheticBytes;
    private final SyntheticVideoSource synthetic = new SyntheticVideoSource();
    private final VideoRenderer renderer;
    private final int scaleDivisor;

    /** @param syntheticBytes payload size in fast mode, or a negative value for real videos */
    VideoOutputs(long syntheticBytes, VideoRenderer renderer, int scaleDivisor) {
        this.syntheticBytes = syntheticBytes;
        this.renderer = renderer;
        this.scaleDivisor = scaleDivisor;
    }

    MediaContent contentFor(String videoUUID, ValidatedVideoTask task) {
        if (syntheticBytes >= 0) {
            return new SyntheticContent(synthetic, videoUUID, syntheticBytes);
        }
        VideoSpec spec = new VideoSpec(task.positivePrompt(), scaled(task.size().width()),
                scaled(task.size().height()), task.duration(), task.outputFormat());
        return new RenderedVideoContent(renderer, spec);
    }

    private int scaled(int side) {
        return Math.max(MIN_SIDE, side / scaleDivisor / 2 * 2);
    }
}
