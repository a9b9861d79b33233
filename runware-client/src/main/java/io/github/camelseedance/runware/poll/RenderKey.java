package io.github.camelseedance.runware.poll;

import java.util.Objects;

import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.rules.ModelRules;

/**
 * What a task's render time depends on: its model, resolution and video length. Tasks with one key are expected to
 * take alike; {@link RenderTimeEstimates} learns their render times per key.
 *
 * @param model      the model id
 * @param resolution the resolution (480p, 720p, ...), {@code null} when the size belongs to none
 * @param duration   the video's length in seconds
 */
public record RenderKey(String model, String resolution, int duration) {

    /** Checks the model. */
    public RenderKey {
        Objects.requireNonNull(model, "model");
    }

    /**
     * @param  request a request
     * @return         its key: the model, the resolution preset or the one its size belongs to, and the duration
     *                 (Runware's default when unset)
     */
    public static RenderKey of(VideoInferenceRequest request) {
        String resolution = request.resolution();
        if (resolution == null && request.width() != null && request.height() != null) {
            resolution = ModelRules.forModel(request.model()).resolutionOf(request.width(), request.height());
        }
        return new RenderKey(String.valueOf(request.model()), resolution, ModelRules.durationOf(request));
    }
}
