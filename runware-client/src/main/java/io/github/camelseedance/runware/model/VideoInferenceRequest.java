package io.github.camelseedance.runware.model;

import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.internal.Abbreviation;
import io.github.camelseedance.runware.rules.ModelRules;
import io.github.camelseedance.runware.rules.RequestMapReader;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.internal.Abbreviation;
import io.github.camelseedance.runware.rules.ModelRules;
import io.github.camelseedance.runware.rules.RequestMapReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An immutable {@code videoInference} task with every parameter of the Seedance 2.0 parameter sheet, named as in the
 * API. A {@code null} parameter is not sent (the API default applies). {@link #toTask()} gives the JSON task object
 * with {@code inputs}, {@code settings} and {@code safety} nesting; {@link #fromMap(Map)} reads the nested or flat
 * form. Validation is {@link ModelRules}'s job, not the builder's.
 */
public final class VideoInferenceRequest {

    /** The model used when none is given. */
    public static final String DEFAULT_MODEL = "bytedance:seedance@2.0-mini";
    /** The task type of every video task. */
    public static final String TASK_TYPE = "videoInference";

    private final String taskUUID;
    private final String model;
    private final String positivePrompt;
    private final Integer width;
    private final Integer height;
    private final String resolution;
    private final Integer duration;
    private final Integer numberResults;
    private final String outputType;
    private final String outputFormat;
    private final Integer outputQuality;
    private final String webhookURL;
    private final String deliveryMethod;
    private final String uploadEndpoint;
    private final Integer ttl;
    private final Boolean includeCost;
    private final Boolean audio;
    private final Boolean safetyCheckContent;
    private final String safetyMode;
    private final List<String> referenceImages;
    private final List<FrameImage> frameImages;
    private final List<String> referenceVideos;
    private final List<String> referenceAudios;

    private VideoInferenceRequest(Builder b) {
        this.taskUUID = b.taskUUID != null ? b.taskUUID : UUID.randomUUID().toString();
        this.model = b.model;
        this.positivePrompt = b.positivePrompt;
        this.width = b.width;
        this.height = b.height;
        this.resolution = b.resolution;
        this.duration = b.duration;
        this.numberResults = b.numberResults;
        this.outputType = b.outputType;
        this.outputFormat = b.outputFormat;
        this.outputQuality = b.outputQuality;
        this.webhookURL = b.webhookURL;
        this.deliveryMethod = b.deliveryMethod;
        this.uploadEndpoint = b.uploadEndpoint;
        this.ttl = b.ttl;
        this.includeCost = b.includeCost;
        this.audio = b.audio;
        this.safetyCheckContent = b.safetyCheckContent;
        this.safetyMode = b.safetyMode;
        this.referenceImages = b.referenceImages;
        this.frameImages = b.frameImages;
        this.referenceVideos = b.referenceVideos;
        this.referenceAudios = b.referenceAudios;
    }

    /** @return a builder with the default model and no other parameter */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding every parameter of this request (including its taskUUID) */
    public Builder toBuilder() {
        return new Builder().taskUUID(taskUUID).model(model).positivePrompt(positivePrompt).width(width)
                .height(height).resolution(resolution).duration(duration).numberResults(numberResults)
                .outputType(outputType).outputFormat(outputFormat).outputQuality(outputQuality)
                .webhookURL(webhookURL).deliveryMethod(deliveryMethod).uploadEndpoint(uploadEndpoint).ttl(ttl)
                .includeCost(includeCost).audio(audio).safetyCheckContent(safetyCheckContent)
                .safetyMode(safetyMode).referenceImages(referenceImages).frameImages(frameImages)
                .referenceVideos(referenceVideos).referenceAudios(referenceAudios);
    }

    /**
     * Reads a request from a map of parameters, as a {@code videoInference} task object (nested under
     * {@code inputs}, {@code settings}, {@code safety}) or with flat names ({@code audio}, {@code safetyCheckContent},
     * {@code safetyMode}, {@code frameImages}, ...), or dotted names ({@code settings.audio}). Numbers and booleans may
     * be strings; a single string is a one-element list; {@code null} values are skipped.
     *
     * @param  map                         the parameters
     * @return                             the request (a taskUUID is generated when absent)
     * @throws RunwareValidationException for unknown keys ({@code unknownParameter}, naming the key) and values of the
     *                                    wrong type ({@code invalidParameterValue}), all of them at once
     */
    public static VideoInferenceRequest fromMap(Map<String, ?> map) {
        return new RequestMapReader().read(map);
    }

    /**
     * The JSON task object: {@code taskType} {@code videoInference}, the top-level parameters, and {@code settings},
     * {@code safety} and {@code inputs} objects when they hold anything. {@code null} parameters are left out.
     *
     * @return a new mutable map, ready to serialise
     */
    public Map<String, Object> toTask() {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskType", TASK_TYPE);
        putIfSet(task, "taskUUID", taskUUID);
        putIfSet(task, "model", model);
        putIfSet(task, "positivePrompt", positivePrompt);
        putIfSet(task, "width", width);
        putIfSet(task, "height", height);
        putIfSet(task, "resolution", resolution);
        putIfSet(task, "duration", duration);
        putIfSet(task, "numberResults", numberResults);
        putIfSet(task, "outputType", outputType);
        putIfSet(task, "outputFormat", outputFormat);
        putIfSet(task, "outputQuality", outputQuality);
        putIfSet(task, "webhookURL", webhookURL);
        putIfSet(task, "deliveryMethod", deliveryMethod);
        putIfSet(task, "uploadEndpoint", uploadEndpoint);
        putIfSet(task, "ttl", ttl);
        putIfSet(task, "includeCost", includeCost);

        Map<String, Object> settings = new LinkedHashMap<>();
        putIfSet(settings, "audio", audio);
        putIfSet(task, "settings", settings.isEmpty() ? null : settings);

        Map<String, Object> safety = new LinkedHashMap<>();
        putIfSet(safety, "checkContent", safetyCheckContent);
        putIfSet(safety, "mode", safetyMode);
        putIfSet(task, "safety", safety.isEmpty() ? null : safety);

        Map<String, Object> inputs = new LinkedHashMap<>();
        putIfSet(inputs, "referenceImages", referenceImages);
        putIfSet(inputs, "frameImages", frameImages == null ? null
                : frameImages.stream().map(FrameImage::toJson).toList());
        putIfSet(inputs, "referenceVideos", referenceVideos);
        putIfSet(inputs, "referenceAudios", referenceAudios);
        putIfSet(task, "inputs", inputs.isEmpty() ? null : inputs);
        return task;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** @return how many results the task produces: {@code numberResults}, or 1 when not set */
    public int expectedResults() {
        return numberResults == null ? 1 : numberResults;
    }

    /** @return the task's uuid (a random v4 when the builder was given none) */
    public String taskUUID() {
        return taskUUID;
    }

    /** @return the model identifier, by default {@value #DEFAULT_MODEL} */
    public String model() {
        return model;
    }

    /** @return the text prompt */
    public String positivePrompt() {
        return positivePrompt;
    }

    /** @return the width in pixels (goes with height, excludes frame images) */
    public Integer width() {
        return width;
    }

    /** @return the height in pixels (goes with width, excludes frame images) */
    public Integer height() {
        return height;
    }

    /** @return the resolution preset ({@code 480p}, {@code 720p}, ...), used with frame images */
    public String resolution() {
        return resolution;
    }

    /** @return the length in seconds */
    public Integer duration() {
        return duration;
    }

    /** @return the number of results */
    public Integer numberResults() {
        return numberResults;
    }

    /** @return the output type ({@code URL}) */
    public String outputType() {
        return outputType;
    }

    /** @return the container format ({@code MP4}, {@code WEBM}, {@code MOV}) */
    public String outputFormat() {
        return outputFormat;
    }

    /** @return the compression quality 20..99 */
    public Integer outputQuality() {
        return outputQuality;
    }

    /** @return the URL Runware POSTs finished items to */
    public String webhookURL() {
        return webhookURL;
    }

    /** @return the delivery method ({@code async}) */
    public String deliveryMethod() {
        return deliveryMethod;
    }

    /** @return the URL Runware PUTs the finished file to */
    public String uploadEndpoint() {
        return uploadEndpoint;
    }

    /** @return the time-to-live of the output URLs in seconds (at least 60) */
    public Integer ttl() {
        return ttl;
    }

    /** @return whether the answer carries the cost */
    public Boolean includeCost() {
        return includeCost;
    }

    /** @return {@code settings.audio}: generate synchronized audio */
    public Boolean audio() {
        return audio;
    }

    /** @return {@code safety.checkContent} */
    public Boolean safetyCheckContent() {
        return safetyCheckContent;
    }

    /** @return {@code safety.mode} ({@code none}, {@code fast}, {@code full}) */
    public String safetyMode() {
        return safetyMode;
    }

    /** @return {@code inputs.referenceImages} */
    public List<String> referenceImages() {
        return referenceImages;
    }

    /** @return {@code inputs.frameImages} */
    public List<FrameImage> frameImages() {
        return frameImages;
    }

    /** @return {@code inputs.referenceVideos} */
    public List<String> referenceVideos() {
        return referenceVideos;
    }

    /** @return {@code inputs.referenceAudios} */
    public List<String> referenceAudios() {
        return referenceAudios;
    }

    /** Two requests are equal when their task objects are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof VideoInferenceRequest request && toTask().equals(request.toTask());
    }

    @Override
    public int hashCode() {
        return toTask().hashCode();
    }

    /** The task object with long values (prompts, base64 images) shortened. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("VideoInferenceRequest");
        text.append(abbreviated(toTask()));
        return text.toString();
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

    /** Builds a {@link VideoInferenceRequest}; every setter accepts {@code null} (= not sent). */
    public static final class Builder {
        private String taskUUID;
        private String model = DEFAULT_MODEL;
        private String positivePrompt;
        private Integer width;
        private Integer height;
        private String resolution;
        private Integer duration;
        private Integer numberResults;
        private String outputType;
        private String outputFormat;
        private Integer outputQuality;
        private String webhookURL;
        private String deliveryMethod;
        private String uploadEndpoint;
        private Integer ttl;
        private Boolean includeCost;
        private Boolean audio;
        private Boolean safetyCheckContent;
        private String safetyMode;
        private List<String> referenceImages;
        private List<FrameImage> frameImages;
        private List<String> referenceVideos;
        private List<String> referenceAudios;

        private Builder() {
        }

        /** @param value the task uuid; when {@code null} at build time a random v4 is generated @return this */
        public Builder taskUUID(String value) {
            this.taskUUID = value;
            return this;
        }

        /** @param value the model identifier @return this */
        public Builder model(String value) {
            this.model = value;
            return this;
        }

        /** @param value the text prompt @return this */
        public Builder positivePrompt(String value) {
            this.positivePrompt = value;
            return this;
        }

        /** @param value the width in pixels @return this */
        public Builder width(Integer value) {
            this.width = value;
            return this;
        }

        /** @param value the height in pixels @return this */
        public Builder height(Integer value) {
            this.height = value;
            return this;
        }

        /** @param value the resolution preset @return this */
        public Builder resolution(String value) {
            this.resolution = value;
            return this;
        }

        /** @param value the length in seconds @return this */
        public Builder duration(Integer value) {
            this.duration = value;
            return this;
        }

        /** @param value the number of results @return this */
        public Builder numberResults(Integer value) {
            this.numberResults = value;
            return this;
        }

        /** @param value the output type @return this */
        public Builder outputType(String value) {
            this.outputType = value;
            return this;
        }

        /** @param value the output format @return this */
        public Builder outputFormat(String value) {
            this.outputFormat = value;
            return this;
        }

        /** @param value the output quality @return this */
        public Builder outputQuality(Integer value) {
            this.outputQuality = value;
            return this;
        }

        /** @param value the webhook URL @return this */
        public Builder webhookURL(String value) {
            this.webhookURL = value;
            return this;
        }

        /** @param value the delivery method @return this */
        public Builder deliveryMethod(String value) {
            this.deliveryMethod = value;
            return this;
        }

        /** @param value the upload endpoint @return this */
        public Builder uploadEndpoint(String value) {
            this.uploadEndpoint = value;
            return this;
        }

        /** @param value the ttl in seconds @return this */
        public Builder ttl(Integer value) {
            this.ttl = value;
            return this;
        }

        /** @param value whether to include the cost @return this */
        public Builder includeCost(Boolean value) {
            this.includeCost = value;
            return this;
        }

        /** @param value {@code settings.audio} @return this */
        public Builder audio(Boolean value) {
            this.audio = value;
            return this;
        }

        /** @param value {@code safety.checkContent} @return this */
        public Builder safetyCheckContent(Boolean value) {
            this.safetyCheckContent = value;
            return this;
        }

        /** @param value {@code safety.mode} @return this */
        public Builder safetyMode(String value) {
            this.safetyMode = value;
            return this;
        }

        /** @param value {@code inputs.referenceImages}; an empty list counts as not set @return this */
        public Builder referenceImages(List<String> value) {
            this.referenceImages = copy(value);
            return this;
        }

        /** @param value {@code inputs.frameImages}; an empty list counts as not set @return this */
        public Builder frameImages(List<FrameImage> value) {
            this.frameImages = copy(value);
            return this;
        }

        /** @param value {@code inputs.referenceVideos}; an empty list counts as not set @return this */
        public Builder referenceVideos(List<String> value) {
            this.referenceVideos = copy(value);
            return this;
        }

        /** @param value {@code inputs.referenceAudios}; an empty list counts as not set @return this */
        public Builder referenceAudios(List<String> value) {
            this.referenceAudios = copy(value);
            return this;
        }

        private static <T> List<T> copy(List<T> value) {
            return value == null || value.isEmpty() ? null : List.copyOf(value);
        }

        /** @return the request, with a random v4 taskUUID when none was given */
        public VideoInferenceRequest build() {
            return new VideoInferenceRequest(this);
        }
    }
}
