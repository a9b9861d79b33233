package io.github.camelseedance.simulator;

import io.github.camelseedance.simulator.video.SyntheticVideoSource;
import io.github.camelseedance.simulator.video.VideoRenderer;
import io.github.camelseedance.simulator.video.VideoSpec;

/**
 * Makes the file of one finished result: in fast mode a synthetic payload of the configured size, otherwise a real
 * video from the {@link VideoRenderer} for the task's prompt, size, duration, format, audio setting and frame
 * images, and the result's own seed (the
 * {@link io.github.camelseedance.simulator.video.RealVideoRenderer} renders it smaller, longer side 320 px, 8 fps).
 */
final class VideoOutputs {

    private final long syntheticBytes;
    private final SyntheticVideoSource synthetic = new SyntheticVideoSource();
    private final VideoRenderer renderer;

    /** @param syntheticBytes payload size in fast mode, or a negative value for real videos */
    VideoOutputs(long syntheticBytes, VideoRenderer renderer) {
        this.syntheticBytes = syntheticBytes;
        this.renderer = renderer;
    }

    MediaContent contentFor(String videoUUID, long seed, ValidatedVideoTask task) {
        if (syntheticBytes >= 0) {
            return new SyntheticContent(synthetic, videoUUID, syntheticBytes);
        }
        VideoSpec spec = new VideoSpec(task.positivePrompt(), task.size().width(), task.size().height(),
                task.duration(), task.outputFormat(), seed, task.audio(), task.frameImages().first(),
                task.frameImages().last());
        return new RenderedVideoContent(renderer, spec);
    }
}
