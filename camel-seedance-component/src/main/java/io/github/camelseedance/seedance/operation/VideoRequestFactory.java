package io.github.camelseedance.seedance.operation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.rules.ModelRules;
import io.github.camelseedance.runware.rules.RequestReader;
import io.github.camelseedance.runware.rules.Violation;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.runtime.SeedanceJson;
import org.apache.camel.Exchange;

/**
 * Builds the videoInference request of an exchange. Endpoint options are the defaults, a Map or JSON body (a whole
 * request, in the API's nested form or with option names) overrides them, and {@code CamelSeedance*} headers (bound
 * onto the exchange's {@link MessageConfiguration}) override both. A text body is the prompt when nothing else gives
 * one. Media inputs become what the API takes, and a text-to-video task without a size gets the one that
 * {@code resolution} and {@code aspectRatio} pick. Options and request parameters share their names, so no parameter
 * is named here.
 */
final class VideoRequestFactory {

    private static final String ASPECT_RATIO = "aspectRatio";
    /** The options that make the request: its parameters, and the aspect ratio that picks its size. */
    private static final Set<String> REQUEST_OPTIONS = requestOptions();
    /** Parameters whose headers are read as they are: media (bytes, files, streams) and the task UUID. */
    private static final List<String> HEADER_ONLY_PARAMETERS = headerOnlyParameters();
    private static final String DEFAULT_RESOLUTION = "720p";
    /** The parameters a picked size stands for. */
    private static final List<String> SIZE_PARAMETERS = List.of("width", "height", "resolution", ASPECT_RATIO);

    private final MessageConfiguration endpointOptions;

    VideoRequestFactory(SeedanceConfiguration configuration) {
        this.endpointOptions = new MessageConfiguration(configuration, Set.of());
    }

    VideoInferenceRequest create(Exchange exchange, MessageConfiguration message) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (String name : RequestReader.parameterNames()) {
            putIfSet(params, name, endpointOptions.get(name));
        }
        putIfSet(params, ASPECT_RATIO, endpointOptions.get(ASPECT_RATIO));
        Object body = exchange.getMessage().getBody();
        Map<String, Object> bodyRequest = bodyRequest(exchange, body);
        if (bodyRequest != null) {
            params.putAll(RequestReader.flatten(bodyRequest));
        }
        for (String option : message.fromHeaders()) {
            if (REQUEST_OPTIONS.contains(option)) {
                params.put(option, message.get(option));
            }
        }
        for (String parameter : HEADER_ONLY_PARAMETERS) {
            Object header = exchange.getMessage().getHeader(SeedanceConstants.headerFor(parameter));
            if (header != null) {
                params.put(parameter, header);
            }
        }
        if (params.get("positivePrompt") == null && bodyRequest == null) {
            String text = MediaInputs.text(exchange, body);
            if (text != null && !text.isBlank()) {
                params.put("positivePrompt", text.strip());
            }
        }
        for (String option : MessageConfiguration.MEDIA_OPTIONS) {
            if (!"frameImages".equals(option)) {
                params.computeIfPresent(option, (key, value) -> emptyToNull(MediaInputs.toApiList(exchange, value)));
            }
        }
        params.put("frameImages", emptyToNull(frameImages(exchange, params.get("frameImages"))));
        Object aspectRatio = params.remove(ASPECT_RATIO);
        RunwareValidationException sizeError = pickSize(params, aspectRatio == null
                ? null
                : aspectRatio.toString().trim());
        params.values().removeIf(value -> value == null);
        if (sizeError != null) {
            throw withTheOtherViolations(sizeError, params);
        }
        try {
            return VideoInferenceRequest.of(params);
        } catch (RunwareValidationException e) {
            throw withOurOptionNames(e);
        }
    }

    /** A size that cannot be picked is reported with every other rule the request breaks, not alone. */
    private static RunwareValidationException withTheOtherViolations(RunwareValidationException sizeError,
                                                                     Map<String, Object> params) {
        List<Violation> all = new ArrayList<>(sizeError.violations());
        List<Violation> others;
        try {
            VideoInferenceRequest request = VideoInferenceRequest.of(params);
            others = ModelRules.forModel(request.model()).validate(request);
        } catch (RunwareValidationException thrown) {
            others = withOurOptionNames(thrown).violations();
        }
        // the size is already reported
        others.stream().filter(v -> v.parameters().stream().noneMatch(SIZE_PARAMETERS::contains)).forEach(all::add);
        return new RunwareValidationException(sizeError.taskUUID(), all);
    }

    /** An unknown key is told every name a request may use here, {@code aspectRatio} too (read by this layer). */
    private static RunwareValidationException withOurOptionNames(RunwareValidationException error) {
        if (error.violations().stream().noneMatch(v -> "unknownParameter".equals(v.code()))) {
            return error;
        }
        List<Violation> violations = error.violations().stream()
                .map(v -> "unknownParameter".equals(v.code())
                        ? RequestReader.unknownParameter(v.parameters().get(0), v.value(), Set.of(ASPECT_RATIO))
                        : v)
                .toList();
        return new RunwareValidationException(error.taskUUID(), violations);
    }

    private static Set<String> requestOptions() {
        Set<String> options = new HashSet<>(RequestReader.parameterNames());
        options.add(ASPECT_RATIO);
        return Set.copyOf(options);
    }

    private static List<String> headerOnlyParameters() {
        List<String> parameters = new ArrayList<>(MessageConfiguration.MEDIA_OPTIONS);
        parameters.add("taskUUID");
        return List.copyOf(parameters);
    }

    private static void putIfSet(Map<String, Object> params, String name, Object value) {
        if (value != null) {
            params.put(name, value);
        }
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
            return SeedanceJson.mapper().readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw InvalidInput.of("body", text, "a JSON object (" + e.getOriginalMessage() + ")");
        }
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

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
