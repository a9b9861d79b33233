package io.github.camelseedance.runware.rules;

import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.internal.Abbreviation;
import io.github.camelseedance.runware.internal.Json;
import io.github.camelseedance.runware.model.FrameImage;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.internal.Abbreviation;
import io.github.camelseedance.runware.internal.Json;
import io.github.camelseedance.runware.model.FrameImage;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link VideoInferenceRequest} from a map in the API's nested form, with flat option names, or with dotted
 * names, collecting every unknown key and mistyped value.
 */
public final class RequestMapReader {

    private static final Set<String> NESTING_OBJECTS = Set.of("settings", "safety", "inputs");

    /** Every accepted name (flat, nested as dotted path) and the parameter it sets. */
    private static final Map<String, String> NAMES = names();

    private final List<Violation> violations = new ArrayList<>();

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String top : List.of("taskType", "taskUUID", "model", "positivePrompt", "width", "height", "resolution",
                "duration", "numberResults", "outputType", "outputFormat", "outputQuality", "webhookURL",
                "deliveryMethod", "uploadEndpoint", "ttl", "includeCost")) {
            names.put(top, top);
        }
        names.put("audio", "audio");
        names.put("settings.audio", "audio");
        names.put("safetyCheckContent", "safetyCheckContent");
        names.put("safety.checkContent", "safetyCheckContent");
        names.put("safetyMode", "safetyMode");
        names.put("safety.mode", "safetyMode");
        for (String input : List.of("referenceImages", "frameImages", "referenceVideos", "referenceAudios")) {
            names.put(input, input);
            names.put("inputs." + input, input);
        }
        return Map.copyOf(names);
    }

    /**
     * The violation of a key that is no parameter, listing every accepted name.
     *
     * @param  name        the key
     * @param  value       its value
     * @param  alsoAllowed names a caller accepts on top of the API's (the Camel layer's {@code aspectRatio})
     * @return             the violation ({@code unknownParameter})
     */
    public static Violation unknownParameter(String name, Object value, Set<String> alsoAllowed) {
        Set<String> allowed = new TreeSet<>(NAMES.keySet());
        allowed.addAll(alsoAllowed);
        return new Violation("unknownParameter", List.of(name), value, "one of " + allowed,
                "Unknown parameter '" + name + "' (value " + Abbreviation.of(value) + "); allowed parameters: "
                + allowed);
    }

    /** Reads the map; throws a {@link RunwareValidationException} listing every problem. */
    public VideoInferenceRequest read(Map<String, ?> map) {
        VideoInferenceRequest.Builder builder = VideoInferenceRequest.builder();
        flatten(map).forEach((name, value) -> apply(builder, name, value));
        if (!violations.isEmpty()) {
            throw new RunwareValidationException(Json.string(map.get("taskUUID")), violations);
        }
        return builder.build();
    }

    private Map<String, Object> flatten(Map<String, ?> map) {
        Map<String, Object> flat = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (NESTING_OBJECTS.contains(key) && value instanceof Map<?, ?> nested) {
                nested.forEach((k, v) -> flat.put(key + "." + k, v));
            } else {
                flat.put(key, value);
            }
        });
        return flat;
    }

    private void apply(VideoInferenceRequest.Builder b, String name, Object value) {
        String parameter = NAMES.get(name);
        if (parameter == null) {
            violations.add(unknownParameter(name, value, Set.of()));
            return;
        }
        if (value == null) {
            return;
        }
        switch (parameter) {
            case "taskType" -> checkTaskType(value);
            case "taskUUID" -> b.taskUUID(value.toString());
            case "model" -> b.model(value.toString());
            case "positivePrompt" -> b.positivePrompt(value.toString());
            case "width" -> b.width(integer(name, value));
            case "height" -> b.height(integer(name, value));
            case "resolution" -> b.resolution(value.toString());
            case "duration" -> b.duration(integer(name, value));
            case "numberResults" -> b.numberResults(integer(name, value));
            case "outputType" -> b.outputType(value.toString());
            case "outputFormat" -> b.outputFormat(value.toString());
            case "outputQuality" -> b.outputQuality(integer(name, value));
            case "webhookURL" -> b.webhookURL(value.toString());
            case "deliveryMethod" -> b.deliveryMethod(value.toString());
            case "uploadEndpoint" -> b.uploadEndpoint(value.toString());
            case "ttl" -> b.ttl(integer(name, value));
            case "includeCost" -> b.includeCost(bool(name, value));
            case "audio" -> b.audio(bool(name, value));
            case "safetyCheckContent" -> b.safetyCheckContent(bool(name, value));
            case "safetyMode" -> b.safetyMode(value.toString());
            case "referenceImages" -> b.referenceImages(Json.stringList(value));
            case "referenceVideos" -> b.referenceVideos(Json.stringList(value));
            case "referenceAudios" -> b.referenceAudios(Json.stringList(value));
            case "frameImages" -> b.frameImages(frameImages(name, value));
            default -> throw new IllegalStateException("unmapped parameter " + parameter);
        }
    }

    private void checkTaskType(Object value) {
        if (!VideoInferenceRequest.TASK_TYPE.equals(value.toString())) {
            invalid("taskType", value, VideoInferenceRequest.TASK_TYPE);
        }
    }

    private Integer integer(String name, Object value) {
        BigDecimal decimal = value instanceof Boolean ? null : Json.decimal(value);
        try {
            return decimal == null ? invalid(name, value, "an integer") : decimal.intValueExact();
        } catch (ArithmeticException e) {
            return invalid(name, value, "an integer");
        }
    }

    private Boolean bool(String name, Object value) {
        Boolean bool = Json.bool(value);
        return bool != null ? bool : invalid(name, value, "true or false");
    }

    private List<FrameImage> frameImages(String name, Object value) {
        List<FrameImage> frames = new ArrayList<>();
        for (Object entry : Json.list(value)) {
            if (entry instanceof FrameImage frame) {
                frames.add(frame);
            } else if (entry instanceof Map<?, ?> object) {
                frames.add(new FrameImage(Json.string(object.get("image")), Json.string(object.get("frame"))));
            } else if (entry instanceof String image) {
                frames.add(FrameImage.of(image));
            } else {
                invalid(name, entry, "an image string or an object {image, frame}");
            }
        }
        return frames;
    }

    private <T> T invalid(String name, Object value, String allowed) {
        violations.add(new Violation("invalidParameterValue", List.of(name), value, allowed,
                "Invalid value for '" + name + "': " + Abbreviation.of(value) + "; allowed: " + allowed));
        return null;
    }
}
