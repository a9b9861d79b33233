package io.github.camelseedance.runware.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.internal.Abbreviation;
import io.github.camelseedance.runware.internal.AbsentWhenEmpty;
import io.github.camelseedance.runware.internal.Json;
import io.github.camelseedance.runware.rules.ModelRules;
import io.github.camelseedance.runware.rules.RequestReader;

/**
 * An immutable {@code videoInference} task: every parameter of the Seedance 2.0 parameter sheet, defined once, as a
 * record component named as in the API, and bound to the API's JSON by Jackson. A {@code null} parameter is not sent
 * (the API default applies); so is a nested object ({@code settings}, {@code safety}, {@code inputs}) that holds
 * nothing. Validation is {@link ModelRules}'s job.
 * <p>
 * To add a parameter: a component here (or in a nested record, with {@link JsonAlias} naming its flat option name
 * when the bare name would be ambiguous), an option in the Camel configuration, a header constant. Readers, writers
 * and the per-message binding follow from the names.
 *
 * @param taskUUID       the task's identity, chosen by the client (a random v4 UUID when not given)
 * @param model          the model identifier ({@link #of(Map)} and the builder give {@value #DEFAULT_MODEL} when absent)
 * @param positivePrompt the text prompt
 * @param width          the width in pixels (with height, without frame images)
 * @param height         the height in pixels (with width, without frame images)
 * @param resolution     the resolution preset (with frame images)
 * @param duration       the length in seconds
 * @param numberResults  how many videos the task makes
 * @param outputType     how the videos are returned ({@code URL})
 * @param outputFormat   the container ({@code MP4}, {@code WEBM}, {@code MOV})
 * @param outputQuality  the encoding quality
 * @param webhookURL     where Runware POSTs the finished task
 * @param deliveryMethod {@code async}, the only method video models allow
 * @param uploadEndpoint where Runware PUTs each finished video
 * @param ttl            how long the video URLs live, in seconds
 * @param includeCost    whether answers carry the cost
 * @param settings       {@code settings}: audio
 * @param safety         {@code safety}: content checks
 * @param inputs         {@code inputs}: frame images and reference media
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "taskType" })
@JsonIgnoreProperties(value = { "taskType" }, allowGetters = true)
public record VideoInferenceRequest(
                                    String taskUUID,
                                    String model,
                                    String positivePrompt,
                                    Integer width,
                                    Integer height,
                                    String resolution,
                                    Integer duration,
                                    Integer numberResults,
                                    String outputType,
                                    String outputFormat,
                                    Integer outputQuality,
                                    String webhookURL,
                                    String deliveryMethod,
                                    String uploadEndpoint,
                                    Integer ttl,
                                    Boolean includeCost,
                                    @JsonInclude(value = JsonInclude.Include.CUSTOM,
                                                 valueFilter = AbsentWhenEmpty.class) Settings settings,
                                    @JsonInclude(value = JsonInclude.Include.CUSTOM,
                                                 valueFilter = AbsentWhenEmpty.class) Safety safety,
                                    @JsonInclude(value = JsonInclude.Include.CUSTOM,
                                                 valueFilter = AbsentWhenEmpty.class) Inputs inputs) {

    /** The model used when none is given. */
    public static final String DEFAULT_MODEL = ModelRules.SEEDANCE_2_MINI;
    /** The task type of every video task. */
    public static final String TASK_TYPE = "videoInference";

    /**
     * {@code settings} of a video task.
     *
     * @param audio whether the video has a sound track
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(Boolean audio) {
    }

    /**
     * {@code safety} of a video task.
     *
     * @param checkContent whether inputs and outputs are checked
     * @param mode         the checking mode
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Safety(
                         @JsonAlias("safetyCheckContent") Boolean checkContent,
                         @JsonAlias("safetyMode") String mode) {
    }

    /**
     * {@code inputs} of a video task: media as UUIDs, URLs, data URIs or base64.
     *
     * @param frameImages     the first and/or last frame (image to video)
     * @param referenceImages images the video refers to
     * @param referenceVideos videos the video refers to (video to video)
     * @param referenceAudios audio the video refers to
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Inputs(
                         List<FrameImage> frameImages,
                         List<String> referenceImages,
                         List<String> referenceVideos,
                         List<String> referenceAudios) {

        /** Empty lists count as not set; lists are copied. */
        public Inputs {
            frameImages = copy(frameImages);
            referenceImages = copy(referenceImages);
            referenceVideos = copy(referenceVideos);
            referenceAudios = copy(referenceAudios);
        }

        private static <T> List<T> copy(List<T> value) {
            return value == null || value.isEmpty() ? null : List.copyOf(value);
        }
    }

    /** Fills in a random taskUUID when absent; absent nested objects become empty ones. */
    public VideoInferenceRequest {
        taskUUID = taskUUID != null ? taskUUID : UUID.randomUUID().toString();
        settings = settings != null ? settings : new Settings(null);
        safety = safety != null ? safety : new Safety(null, null);
        inputs = inputs != null ? inputs : new Inputs(null, null, null, null);
    }

    /**
     * Reads a request from parameters: a {@code videoInference} task object (nested under {@code inputs},
     * {@code settings}, {@code safety}), flat option names ({@code audio}, {@code safetyMode}, {@code frameImages},
     * ...) or dotted names ({@code settings.audio}). Numbers and booleans may be strings; a single value is a
     * one-element list; {@code null} values are skipped.
     *
     * @param  parameters                  the parameters
     * @return                             the request (a taskUUID is generated when absent)
     * @throws RunwareValidationException for unknown names and values of the wrong type, all of them at once
     */
    public static VideoInferenceRequest of(Map<String, ?> parameters) {
        return RequestReader.read(parameters);
    }

    /** @return a builder with no parameter set */
    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** @return a builder holding every parameter of this request, its taskUUID included */
    public Builder toBuilder() {
        return new Builder(RequestReader.flatten(toTask()));
    }

    /**
     * A copy with one parameter changed.
     *
     * @param  parameter                   a flat or dotted parameter name, as {@link #of(Map)} takes
     * @param  value                       the new value, {@code null} to remove it
     * @return                             the new request (same taskUUID unless that is the parameter changed)
     * @throws RunwareValidationException for an unknown name or a value of the wrong type
     */
    public VideoInferenceRequest with(String parameter, Object value) {
        return toBuilder().set(parameter, value).build();
    }

    /** @return {@value #TASK_TYPE}, sent first in the task object */
    @JsonProperty("taskType")
    public String taskType() {
        return TASK_TYPE;
    }

    /** @return how many results the task makes: {@code numberResults}, 1 when not set */
    public int expectedResults() {
        return numberResults == null ? 1 : numberResults;
    }

    /**
     * The JSON task object, as Jackson writes it: {@code taskType} {@value #TASK_TYPE}, the top-level parameters, and
     * {@code settings}, {@code safety} and {@code inputs} objects when they hold anything.
     *
     * @return a new mutable map, ready to serialise
     */
    public Map<String, Object> toTask() {
        return Json.toMap(this);
    }

    /** The task object with long values (prompts, base64 images) shortened. */
    @Override
    public String toString() {
        return "VideoInferenceRequest" + abbreviated(toTask());
    }

    private static Object abbreviated(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, abbreviated(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(VideoInferenceRequest::abbreviated).toList();
        }
        return value instanceof String s ? Abbreviation.of(s) : value;
    }

    /**
     * Collects parameters by name ({@link #of(Map)}'s names) and reads them into a request, checking every name and
     * value at once.
     */
    public static final class Builder {
        private final Map<String, Object> parameters;

        private Builder(Map<String, Object> parameters) {
            this.parameters = parameters;
        }

        /**
         * @param  parameter a flat or dotted parameter name
         * @param  value     its value, {@code null} to remove it
         * @return           this
         */
        public Builder set(String parameter, Object value) {
            parameters.put(RequestReader.flatName(parameter), value);
            return this;
        }

        /**
         * @return                             the request
         * @throws RunwareValidationException for unknown names and values of the wrong type, all of them at once
         */
        public VideoInferenceRequest build() {
            return of(parameters);
        }
    }
}
