package io.github.camelseedance.simulator;

import io.github.camelseedance.simulator.video.VideoFormat;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * A {@code videoInference} task that passed every rule, with its defaults applied.
 *
 * @param uploadEndpoint null when absent
 * @param webhookURL     null when absent
 */
record ValidatedVideoTask(String taskUUID, ModelRules model, String positivePrompt, Resolution resolution,
                          Resolution.VideoSize size, int duration, int numberResults, VideoFormat outputFormat,
                          boolean includeCost, Duration ttl, String webhookURL, String uploadEndpoint) {

    /** Price of the whole task (all results). */
    BigDecimal cost() {
        return model.taskCost(resolution, duration, numberResults);
    }

    /** Price of one result. */
    BigDecimal costPerResult() {
        return model.costPerResult(resolution, duration);
    }
}
