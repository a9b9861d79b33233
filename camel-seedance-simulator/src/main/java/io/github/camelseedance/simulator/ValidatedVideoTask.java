package io.github.camelseedance.simulator;

import java.math.BigDecimal;
import java.time.Duration;

import io.github.camelseedance.simulator.video.VideoFormat;

/**
 * A {@code videoInference} task that passed every rule, with its defaults applied.
 *
 * @param audio          {@code settings.audio} (default true)
 * @param videoToVideo   whether it has {@code inputs.referenceVideos} (priced as video to video)
 * @param frameImages    the bytes of its first and last frame images the simulator could read
 * @param uploadEndpoint null when absent
 * @param webhookURL     null when absent
 */
record ValidatedVideoTask(String taskUUID, ModelRules model, String positivePrompt, Resolution resolution,
                          Resolution.VideoSize size, int duration, int numberResults, VideoFormat outputFormat,
                          boolean includeCost, Duration ttl, String webhookURL, String uploadEndpoint, boolean audio,
                          boolean videoToVideo, FrameImages frameImages) {

    /** Price of the whole task (all results). */
    BigDecimal cost() {
        return model.taskCost(resolution, duration, numberResults, videoToVideo);
    }

    /** Price of one result. */
    BigDecimal costPerResult() {
        return model.costPerResult(resolution, duration, videoToVideo);
    }

    /**
     * The images a frame-image task starts and ends on, as given (PNG, JPEG, ...); null where there is none or the
     * simulator could not read it.
     */
    record FrameImages(byte[] first, byte[] last) {
        static final FrameImages NONE = new FrameImages(null, null);
    }
}
