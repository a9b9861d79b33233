package io.github.camelseedance.seedance.operation;

import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.rules.ModelRules;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.rules.ModelRules;
import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.rules.RequestMapReader;
import io.github.camelseedance.runware.rules.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/**
 * Builds the videoInference request of an exchange. Endpoint options are the defaults, a Map or JSON body (a whole
 * request, in the API's nested form or with option names) overrides them, and {@code CamelSeedance*} headers override
 * both. A text body is the prompt when nothing else gives one. Media inputs become what the API takes, and a
 * text-to-video task without a size gets the one that {@code resolution} and {@code aspectRatio} pick.
 */
final class VideoRequestFactory {

    /** Options sent as they are, in the order of the parameter sheet. */
    private static final List<String> SCALAR_OPTIONS = List.of(
            "model", "positivePrompt", "width", "height", "resolution", "duration", "numberResults", "outputType",
            "outputFormat", "outputQuality", "webhookURL", "deliveryMethod", "uploadEndpoint", "ttl", "includeCost",
            "audio", "safetyCheckContent", "safetyMode");
    /** Lists of media sent under inputs. */
    private static final List<String> MEDIA_LIST_OPTIONS = List.of("referenceImages", "referenceVideos",
            "referenceAudios");
    private static final String DEFAULT_RESOLUTION = "720p";
    /** The parameters a picked size stands for. */
    private static final List<String> SIZE_PARAMETERS = List.of("width", "height", "resolution", "aspectRatio");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SeedanceConfiguration configuration;

    VideoRequestFactory(SeedanceConfiguration configuration) {
        this.configuration = configuration;
    }

    VideoInferenceRequest create(Exchange exchange) {
        Map<String, Object> params = new LinkedHashMap<>(endpointOptions());
        Object body = exchange.getMessage().getBody();
        Map<String, Object> bodyRequest = bodyRequest(exchange, body);
        if (bodyRequest != null) {
            params.putAll(flatten(bodyRequest));
        }
        for (String option : SCALAR_OPTIONS) {
            putHeader(exchange, params, option);
        }
        for (String option : MEDIA_LIST_OPTIONS) {
            putHeader(exchange, params, option);
        }
        putHeader(exchange, params, "frameImages");
        putHeader(exchange, params, "taskUUID");
        if (params.get("positivePrompt") == null && bodyRequest == null) {
            String text = MediaInputs.text(exchange, body);
            if (text != null && !text.isBlank()) {
                params.put("positivePrompt", text.strip());
            }
        }
        for (String option : MEDIA_LIST_OPTIONS) {
            params.computeIfPresent(option, (key, value) -> emptyToNull(MediaInputs.toApiList(exchange, value)));
        }
        params.put("frameImages", emptyToNull(frameImages(exchange, params.get("frameImages"))));
        String aspectRatio = stringOption(exchange, params.remove("aspectRatio"), "aspectRatio");
        RunwareValidationException sizeError = pickSize(params, aspectRatio);
        params.values().removeIf(value -> value == null);
        if (sizeError != null) {
            throw withTheOtherViolations(sizeError, params);
        }
        try {
            return VideoInferenceRequest.fromMap(params);
        } catch (RunwareValidationException e) {
            throw withOurOptionNames(e);
        }
    }

    /** An unknown key is told every name a request may use here, {@code aspectRatio} too (read by this layer). */
    private static RunwareValidationException withOurOptionNames(RunwareValidationException error) {
        if (error.violations().stream().noneMatch(v -> "unknownParameter".equals(v.code()))) {
            return error;
        }
        List<Violation> violations = error.violations().stream()
                .map(v -> "unknownParameter".equals(v.code())
                        ? RequestMapReader.unknownParameter(v.parameters().get(0), v.value(), Set.of("aspectRatio"))
                        : v)
                .toList();
        return new RunwareValidationException(error.taskUUID(), violations);
    }

    /** A size that cannot be picked is reported with every other rule the request breaks, not alone. */
    private static RunwareValidationException withTheOtherViolations(RunwareValidationException sizeError,
                                                                     Map<String, Object> params) {
        List<Violation> all = new ArrayList<>(sizeError.violations());
        try {
            RunwareClient.validate(VideoInferenceRequest.fromMap(params));
        } catch (RunwareValidationException thrown) {
            RunwareValidationException others = withOurOptionNames(thrown);
            // the size is already reported
            others.violations().stream()
                    .filter(v -> v.parameters().stream().noneMatch(SIZE_PARAMETERS::contains))
                    .forEach(all::add);
        }
        return new RunwareValidationException(sizeError.taskUUID(), all);
    }

    private Map<String, Object> endpointOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("model", configuration.getModel());
        options.put("positivePrompt", configuration.getPositivePrompt());
        options.put("width", configuration.getWidth());
        options.put("height", configuration.getHeight());
        options.put("resolution", configuration.getResolution());
        options.put("aspectRatio", configuration.getAspectRatio());
        options.put("duration", configuration.getDuration());
        options.put("numberResults", configuration.getNumberResults());
        options.put("outputType", configuration.getOutputType());
        options.put("outputFormat", configuration.getOutputFormat());
        options.put("outputQuality", configuration.getOutputQuality());
        options.put("webhookURL", configuration.getWebhookURL());
        options.put("deliveryMethod", configuration.getDeliveryMethod());
        options.put("uploadEndpoint", configuration.getUploadEndpoint());
        options.put("ttl", configuration.getTtl());
        options.put("includeCost", configuration.getIncludeCost());
        options.put("audio", configuration.getAudio());
        options.put("safetyCheckContent", configuration.getSafetyCheckContent());
        options.put("safetyMode", configuration.getSafetyMode());
        options.put("referenceImages", configuration.getReferenceImages());
        options.put("frameImages", configuration.getFrameImages());
        options.put("referenceVideos", configuration.getReferenceVideos());
        options.put("referenceAudios", configuration.getReferenceAudios());
        options.values().removeIf(value -> value == null);
        return options;
    }

    private static void putHeader(Exchange exchange, Map<String, Object> params, String option) {
        Object value = exchange.getMessage().getHeader(SeedanceConstants.headerFor(option));
        if (value != null) {
            params.put(option, value);
        }
    }

    private static String stringOption(Exchange exchange, Object fallback, String option) {
        Object header = exchange.getMessage().getHeader(SeedanceConstants.headerFor(option));
        Object value = header != null ? header : fallback;
        return value == null ? null : value.toString().trim();
    }

    /** A Map body, or a JSON object in a text body, is a whole request; anything else is not. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> bodyRequest(Exchange exchange, Object body) {
        if (body instanceof Map<?, ?> map) {
            return new LinkedHashMap<>((Map<String, Object>) map);
        }
        String text = MediaInputs.text(exchange, body);
        if (text == null || !text.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw InvalidInput.of("body", abbreviate(text), "a JSON object (" + e.getOriginalMessage() + ")");
        }
    }

    /** The API's nested form (inputs, settings, safety) in option names; option names stay as they are. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> flatten(Map<String, Object> request) {
        Map<String, Object> flat = new LinkedHashMap<>();
        request.forEach((key, value) -> {
            if ("taskType".equals(key)) {
                return;
            }
            if ("inputs".equals(key) && value instanceof Map<?, ?> inputs) {
                flat.putAll((Map<String, Object>) inputs);
            } else if ("settings".equals(key) && value instanceof Map<?, ?> settings) {
                ((Map<String, Object>) settings).forEach(flat::put);
            } else if ("safety".equals(key) && value instanceof Map<?, ?> safety) {
                ((Map<String, Object>) safety).forEach((name, setting) -> flat.put(
                        "safety" + Character.toUpperCase(name.charAt(0)) + name.substring(1), setting));
            } else {
                flat.put(key, value);
            }
        });
        return flat;
    }

    /**
     * The frame images as the API takes them: plain strings, or maps with image and frame. Adds the first and last
     * frame headers.
     */
    private static List<Object> frameImages(Exchange exchange, Object value) {
        List<Object> frames = new ArrayList<>();
        for (Object element : MediaInputs.elements(value)) {
            if (element instanceof Map<?, ?> map) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("image", MediaInputs.toApiValue(exchange, map.get("image")));
                if (map.get("frame") != null) {
                    item.put("frame", map.get("frame"));
                }
                frames.add(item);
            } else if (element instanceof String text && !text.startsWith("data:")) {
                frames.addAll(MediaInputs.toApiList(exchange, text));
            } else if (element != null) {
                frames.add(MediaInputs.toApiValue(exchange, element));
            }
        }
        addFrame(exchange, frames, SeedanceConstants.FIRST_FRAME_IMAGE, "first");
        addFrame(exchange, frames, SeedanceConstants.LAST_FRAME_IMAGE, "last");
        return frames;
    }

    private static void addFrame(Exchange exchange, List<Object> frames, String header, String frame) {
        Object image = exchange.getMessage().getHeader(header);
        if (image != null) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("image", MediaInputs.toApiValue(exchange, image));
            item.put("frame", frame);
            frames.add(item);
        }
    }

    /**
     * A text-to-video task with neither a size nor frame images gets the model's size for the resolution and aspect
     * ratio; resolution itself is only sent with frame images.
     *
     * @return the violation when the model has no size for them, else null
     */
    private static RunwareValidationException pickSize(Map<String, Object> params, String aspectRatio) {
        if (params.get("frameImages") != null || params.get("width") != null || params.get("height") != null) {
            return null;
        }
        Object model = params.get("model");
        ModelRules rules = ModelRules.forModel(model == null ? null : model.toString());
        Object resolution = params.remove("resolution");
        String wanted = resolution == null ? DEFAULT_RESOLUTION : resolution.toString().trim();
        String ratio = aspectRatio == null ? "16:9" : aspectRatio;
        Optional<int[]> size = rules.sizeFor(wanted, ratio);
        if (size.isEmpty()) {
            String parameter = rules.resolutions().contains(wanted) ? "aspectRatio" : "resolution";
            String allowed = "aspectRatio".equals(parameter)
                    ? String.join(", ", rules.aspectRatios())
                    : String.join(", ", rules.resolutions()) + " (model " + model + ")";
            return InvalidInput.of(parameter, "aspectRatio".equals(parameter) ? ratio : wanted, allowed);
        }
        params.put("width", size.get()[0]);
        params.put("height", size.get()[1]);
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
