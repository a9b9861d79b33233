package io.github.camelseedance.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.camelseedance.simulator.video.StillImage;
import io.github.camelseedance.simulator.video.VideoFormat;

/**
 * Applies every rule of the Seedance 2.x parameter sheet to a {@code videoInference} task, with the limits of the
 * task's model ({@link ModelRules}). The first broken rule rejects the task.
 */
final class VideoInferenceValidator {

    static final Duration DEFAULT_TTL = Duration.ofSeconds(3600);

    private static final Pattern UUID_V4 = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
    private static final Set<String> TOP_LEVEL = Set.of("taskType", "taskUUID", "model", "positivePrompt", "width",
            "height", "resolution", "duration", "numberResults", "outputType", "outputFormat", "outputQuality",
            "webhookURL", "deliveryMethod", "uploadEndpoint", "safety", "ttl", "includeCost", "inputs", "settings");
    private static final Set<String> INPUTS = Set.of("referenceImages", "frameImages", "referenceVideos",
            "referenceAudios");
    private static final Set<String> FRAME_IMAGE = Set.of("image", "frame");
    private static final List<String> REFERENCES = List.of("referenceImages", "referenceVideos", "referenceAudios");
    private static final List<Object> FRAME_VALUES = List.of("first", "last", 0, -1);
    private static final int MIN_PROMPT = 2;
    private static final int MAX_PROMPT = 10_000;
    private static final int MIN_TTL = 60;

    private final MediaInputChecker mediaInputs;
    private final InputImages images;

    VideoInferenceValidator(MediaInputChecker mediaInputs, InputImages images) {
        this.mediaInputs = mediaInputs;
        this.images = images;
    }

    ValidatedVideoTask validate(Map<String, Object> task) {
        TaskFields fields = new TaskFields(task, "");
        fields.rejectUnknown(TOP_LEVEL);
        String taskUUID = checkTaskUUID(fields);
        ModelRules model = checkModel(fields);
        String prompt = fields.requiredString("positivePrompt");
        if (prompt.length() < MIN_PROMPT || prompt.length() > MAX_PROMPT) {
            throw new InvalidTaskException(RunwareError.of(ErrorCodes.invalid("positivePrompt") + "Length",
                    "Invalid value for 'positivePrompt': " + prompt.length() + " characters. It must hold "
                                                                                                            + MIN_PROMPT
                                                                                                            + " to "
                                                                                                            + MAX_PROMPT
                                                                                                            + " characters.")
                    .parameter("positivePrompt").type("string").range(MIN_PROMPT, MAX_PROMPT));
        }
        fields.optionalEnum("outputType", List.of("URL"));
        VideoFormat format = fields.optionalEnum("outputFormat", List.of("MP4", "WEBM", "MOV"))
                .map(VideoFormat::of).orElse(VideoFormat.MP4);
        fields.optionalInt("outputQuality", 20, 99);
        fields.optionalEnum("deliveryMethod", List.of("async"));
        String webhookURL = checkUrl(fields, "webhookURL");
        String uploadEndpoint = checkUrl(fields, "uploadEndpoint");
        Duration ttl = fields.optionalInt("ttl", MIN_TTL, Integer.MAX_VALUE).map(Duration::ofSeconds)
                .orElse(DEFAULT_TTL);
        boolean includeCost = fields.optionalBoolean("includeCost").orElse(false);
        checkSafety(fields);
        boolean audio = checkSettings(fields);
        int numberResults = fields.optionalInt("numberResults", ModelRules.MIN_RESULTS, ModelRules.MAX_RESULTS)
                .orElse(1);
        int duration = fields.optionalInt("duration", ModelRules.MIN_DURATION, ModelRules.MAX_DURATION)
                .orElse(ModelRules.DEFAULT_DURATION);
        Optional<Resolution> resolution = fields.optionalEnum("resolution", model.resolutionLabels())
                .flatMap(Resolution::ofLabel);
        Inputs inputs = checkInputs(fields);
        Resolution.VideoSize size;
        Resolution outputResolution;
        ValidatedVideoTask.FrameImages frameImages = ValidatedVideoTask.FrameImages.NONE;
        if (!inputs.frames().isEmpty()) {
            checkNoDimensions(fields);
            outputResolution = resolution.orElse(ModelRules.DEFAULT_RESOLUTION);
            frameImages = readFrameImages(inputs.frames());
            byte[] shaping = frameImages.first() != null ? frameImages.first() : frameImages.last();
            size = Optional.ofNullable(shaping).flatMap(StillImage::size)
                    .map(wh -> outputResolution.closestSize(wh[0], wh[1]))
                    .orElse(outputResolution.landscapeSize());
        } else {
            size = checkDimensions(fields, model, resolution.isPresent());
            outputResolution = model.resolutionOf(size.width(), size.height()).orElseThrow();
        }
        return new ValidatedVideoTask(taskUUID, model, prompt, outputResolution, size, duration, numberResults,
                format, includeCost, ttl, webhookURL, uploadEndpoint, audio, inputs.referenceVideos(), frameImages);
    }

    private ValidatedVideoTask.FrameImages readFrameImages(List<FrameInput> frames) {
        byte[] first = null;
        byte[] last = null;
        for (FrameInput frame : frames) {
            byte[] bytes = images.read(frame.image()).orElse(null);
            if (frame.first()) {
                first = bytes;
            } else {
                last = bytes;
            }
        }
        return new ValidatedVideoTask.FrameImages(first, last);
    }

    private static String checkTaskUUID(TaskFields fields) {
        String taskUUID = fields.requiredString("taskUUID");
        if (!UUID_V4.matcher(taskUUID).matches()) {
            throw new InvalidTaskException(RunwareError.of(ErrorCodes.invalid("taskUUID"),
                    "Invalid value for 'taskUUID': '" + taskUUID + "'. It must be a UUID v4.")
                    .parameter("taskUUID").type("string"));
        }
        return taskUUID;
    }

    private static ModelRules checkModel(TaskFields fields) {
        String id = fields.requiredString("model");
        return ModelRules.find(id).orElseThrow(() -> new InvalidTaskException(RunwareError.of(
                ErrorCodes.MODEL_NOT_FOUND, "Model '" + id + "' not found. Served models: "
                                            + ModelRules.catalog().keySet())
                .parameter("model").allowedValues(List.copyOf(ModelRules.catalog().keySet()))));
    }

    private static String checkUrl(TaskFields fields, String key) {
        Optional<String> value = fields.optionalString(key);
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(value.get());
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                && uri.getHost() != null) {
                return value.get();
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw TaskFields.invalidValue(key,
                "Invalid value for '" + key + "': '" + value.get() + "'. It must be an absolute http(s) URL.");
    }

    private static void checkSafety(TaskFields fields) {
        fields.optionalObject("safety").ifPresent(safety -> {
            safety.rejectUnknown(Set.of("checkContent", "mode"));
            safety.optionalBoolean("checkContent");
            safety.optionalEnum("mode", List.of("none", "fast", "full"));
        });
    }

    /** Checks {@code settings}; answers {@code settings.audio} (default true). */
    private static boolean checkSettings(TaskFields fields) {
        Optional<TaskFields> settings = fields.optionalObject("settings");
        settings.ifPresent(s -> s.rejectUnknown(Set.of("audio")));
        return settings.flatMap(s -> s.optionalBoolean("audio")).orElse(true);
    }

    /** A frame image as given, and whether it is the first frame (otherwise the last). */
    private record FrameInput(String image, boolean first) {
    }

    /** What the inputs change about the task: its frame images and whether it is video to video. */
    private record Inputs(List<FrameInput> frames, boolean referenceVideos) {
        static final Inputs NONE = new Inputs(List.of(), false);
    }

    private Inputs checkInputs(TaskFields fields) {
        Optional<TaskFields> maybeInputs = fields.optionalObject("inputs");
        if (maybeInputs.isEmpty()) {
            return Inputs.NONE;
        }
        TaskFields inputs = maybeInputs.get();
        inputs.rejectUnknown(INPUTS);
        inputs.optionalList("referenceImages", 1, ModelRules.MAX_REFERENCE_IMAGES).ifPresent(items -> items
                .forEach(item -> mediaInputs.check(item, inputs.name("referenceImages"), MediaKind.IMAGE, true)));
        inputs.optionalList("referenceVideos", 1, ModelRules.MAX_REFERENCE_VIDEOS).ifPresent(items -> items
                .forEach(item -> mediaInputs.check(item, inputs.name("referenceVideos"), MediaKind.VIDEO, false)));
        inputs.optionalList("referenceAudios", 1, ModelRules.MAX_REFERENCE_AUDIOS).ifPresent(items -> items
                .forEach(item -> mediaInputs.check(item, inputs.name("referenceAudios"), MediaKind.AUDIO, false)));
        boolean referenceVideos = inputs.has("referenceVideos");
        Optional<List<Object>> frames = inputs.optionalList("frameImages", 1, ModelRules.MAX_FRAME_IMAGES);
        if (frames.isEmpty()) {
            return new Inputs(List.of(), referenceVideos);
        }
        List<String> conflicting = new ArrayList<>(List.of(inputs.name("frameImages")));
        REFERENCES.stream().filter(inputs::has).map(inputs::name).forEach(conflicting::add);
        if (conflicting.size() > 1) {
            throw TaskFields.invalid(ErrorCodes.CONFLICTING_PARAMETERS, conflicting,
                    "'inputs.frameImages' cannot be combined with " + conflicting.subList(1, conflicting.size())
                                                                                     + ".");
        }
        return new Inputs(checkFrameImages(frames.get(), inputs.name("frameImages")), false);
    }

    private List<FrameInput> checkFrameImages(List<Object> frames, String parameter) {
        List<FrameInput> checked = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            Object item = frames.get(i);
            boolean positionalFirst = i == 0;
            if (item instanceof Map<?, ?>) {
                TaskFields frameImage = new TaskFields(asMap(item), parameter + "[" + i + "].");
                frameImage.rejectUnknown(FRAME_IMAGE);
                String image = frameImage.requiredString("image");
                mediaInputs.check(image, frameImage.name("image"), MediaKind.IMAGE, true);
                Object frame = asMap(item).get("frame");
                if (frame != null && !FRAME_VALUES.contains(frame)) {
                    throw new InvalidTaskException(RunwareError.of(ErrorCodes.invalid(frameImage.name("frame")),
                            "Invalid value for '" + frameImage.name("frame") + "': " + frame
                                                                                                                 + ". Allowed values: "
                                                                                                                 + FRAME_VALUES)
                            .parameter(frameImage.name("frame")).allowedValues(FRAME_VALUES));
                }
                checked.add(new FrameInput(image, frame == null
                        ? positionalFirst
                        : "first".equals(frame) || Integer.valueOf(0).equals(frame)));
            } else {
                mediaInputs.check(item, parameter, MediaKind.IMAGE, true);
                checked.add(new FrameInput((String) item, positionalFirst));
            }
        }
        if (checked.size() == 2 && checked.get(0).first() == checked.get(1).first()) {
            throw TaskFields.invalid(ErrorCodes.CONFLICTING_PARAMETERS, List.of(parameter + "[0]", parameter + "[1]"),
                    "Both items of '" + parameter + "' target the " + (checked.get(0).first() ? "first" : "last")
                                                                                                                       + " frame; give one first and one last frame.");
        }
        return checked;
    }

    private static void checkNoDimensions(TaskFields fields) {
        List<String> conflicting = new ArrayList<>(List.of("inputs.frameImages"));
        for (String key : List.of("width", "height")) {
            if (fields.has(key)) {
                conflicting.add(key);
            }
        }
        if (conflicting.size() > 1) {
            throw TaskFields.invalid(ErrorCodes.CONFLICTING_PARAMETERS, conflicting,
                    "Give either 'inputs.frameImages' (with an optional 'resolution') or 'width' and 'height', not both.");
        }
    }

    private static Resolution.VideoSize checkDimensions(TaskFields fields, ModelRules model, boolean hasResolution) {
        boolean width = fields.has("width");
        boolean height = fields.has("height");
        if (hasResolution && (width || height)) {
            throw TaskFields.invalid(ErrorCodes.CONFLICTING_PARAMETERS, List.of("resolution", "width", "height"),
                    "'resolution' goes with 'inputs.frameImages' and excludes 'width' and 'height'.");
        }
        if (!width || !height) {
            String message = hasResolution
                    ? "'resolution' applies only with 'inputs.frameImages'; without frame images give 'width' and 'height'."
                    : "Give both 'width' and 'height', or 'inputs.frameImages'.";
            throw TaskFields.invalid(ErrorCodes.MISSING_DIMENSIONS, List.of("width", "height"), message);
        }
        int w = checkDimension(fields, "width", model.dimensions(true), model);
        int h = checkDimension(fields, "height", model.dimensions(false), model);
        if (model.resolutionOf(w, h).isEmpty()) {
            throw new InvalidTaskException(RunwareError.of(ErrorCodes.INVALID_DIMENSIONS,
                    "Invalid size " + w + "x" + h + " for model '" + model.id() + "'. Allowed sizes: "
                                                                                          + model.sizeLabels())
                    .parameter(List.of("width", "height")).allowedValues(model.sizeLabels()));
        }
        return new Resolution.VideoSize(w, h);
    }

    /** An integer that is one of the model's widths (or heights): {@code invalidWidth} / {@code invalidHeight}. */
    private static int checkDimension(TaskFields fields, String key, List<Integer> allowed, ModelRules model) {
        int min = allowed.get(0);
        int max = allowed.get(allowed.size() - 1);
        int value = fields.optionalInt(key, min, max).orElseThrow();
        if (!allowed.contains(value)) {
            throw new InvalidTaskException(RunwareError.of(ErrorCodes.invalid(key),
                    "Invalid value for '" + key + "': " + value + ". Model '" + model.id() + "' allows "
                                                                                    + allowed + ".")
                    .parameter(key).type("integer").range(min, max).allowedValues(allowed));
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object item) {
        return (Map<String, Object>) item;
    }
}
