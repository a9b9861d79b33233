package io.github.camelseedance.seedance.operation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
    /** Parameters whose headers are read as they are: media (bytes, files, streams). */
    private static final Set<String> HEADER_ONLY_PARAMETERS = MessageConfiguration.MEDIA_OPTIONS;
    private static final String DEFAULT_RESOLUTION = "720p";
    /** The parameters a picked size stands for. */
    private static final List<String> SIZE_PARAMETERS = List.of("width", "height", "resolution", ASPECT_RATIO);

    /** The endpoint's request options that are set, in the order of the request's parameters: read once. */
    private final Map<String, Object> endpointParams;
    /** Where each of them came from: the endpoint option of that name. */
    private final Map<String, String> endpointSources;
    private final boolean providerRules;

    /**
     * @param configuration the endpoint's configuration, read here once: its options do not change once its
     *                      producer is made
     * @param providerRules whether the ByteDance-side input rules are checked too (the component's providerRules)
     */
    VideoRequestFactory(SeedanceConfiguration configuration, boolean providerRules) {
        MessageConfiguration endpointOptions = new MessageConfiguration(configuration, Set.of());
        Map<String, Object> params = new LinkedHashMap<>();
        for (String name : RequestReader.parameterNames()) {
            putIfSet(params, name, endpointOptions.get(name));
        }
        putIfSet(params, ASPECT_RATIO, endpointOptions.get(ASPECT_RATIO));
        this.endpointParams = Collections.unmodifiableMap(params);
        Map<String, String> sources = new HashMap<>();
        params.keySet().forEach(name -> sources.put(name, name));
        this.endpointSources = Collections.unmodifiableMap(sources);
        this.providerRules = providerRules;
    }

    /**
     * The request of an exchange, checked: every problem (a media input that is not what its parameter takes, inline
     * media over maxInlineMediaSize, no size for the model, a value the reader or the model's rules refuse) is
     * reported at once, each naming the option or the header that gave the value.
     *
     * @throws RunwareValidationException listing every violation; nothing was sent
     */
    VideoInferenceRequest create(Exchange exchange, MessageConfiguration message) {
        return create(exchange, message, List.of());
    }

    /**
     * The request of an exchange, checked, with violations the operation found itself reported with the others.
     *
     * @param known violations of the exchange found by the operation (its wait options)
     */
    VideoInferenceRequest create(Exchange exchange, MessageConfiguration message, List<Violation> known) {
        Map<String, Object> params = new LinkedHashMap<>(endpointParams);
        Map<String, String> sources = new HashMap<>(endpointSources);
        Object body = exchange.getMessage().getBody();
        Map<String, Object> bodyRequest = bodyRequest(exchange, body);
        if (bodyRequest != null) {
            RequestReader.flatten(bodyRequest).forEach((name, value) -> put(params, sources, name, value, name));
        }
        for (String option : message.fromHeaders()) {
            if (REQUEST_OPTIONS.contains(option)) {
                put(params, sources, option, message.get(option), SeedanceConstants.headerFor(option));
            }
        }
        for (String parameter : HEADER_ONLY_PARAMETERS) {
            String header = SeedanceConstants.headerFor(parameter);
            put(params, sources, parameter, exchange.getMessage().getHeader(header), header);
        }
        put(params, sources, "taskUUID", OutputHeaders.chosenTaskUUID(exchange), SeedanceConstants.TASK_UUID);
        if (params.get("positivePrompt") == null && bodyRequest == null) {
            String text = MediaInputs.text(exchange, body);
            if (text != null && !text.isBlank()) {
                params.put("positivePrompt", text.strip());
            }
        }
        List<Violation> violations = new ArrayList<>(known);
        InlineMedia media = new InlineMedia(exchange, message.options().getMaxInlineMediaSize(), violations);
        params.computeIfPresent("referenceImages", (option, value) -> emptyToNull(
                media.list(sources.get(option), InlineMedia.Kind.IMAGE, value)));
        params.computeIfPresent("referenceVideos", (option, value) -> emptyToNull(
                media.list(sources.get(option), InlineMedia.Kind.VIDEO, value)));
        params.computeIfPresent("referenceAudios", (option, value) -> emptyToNull(
                media.list(sources.get(option), InlineMedia.Kind.AUDIO, value)));
        params.put("frameImages", emptyToNull(frameImages(exchange, media, sources.get("frameImages"),
                params.get("frameImages"))));
        Object aspectRatio = params.remove(ASPECT_RATIO);
        boolean sizeRefused = pickSize(params, sources, aspectRatio == null ? null : aspectRatio.toString().trim(),
                violations);
        params.values().removeIf(value -> value == null);
        VideoInferenceRequest request = null;
        List<Violation> broken;
        try {
            request = VideoInferenceRequest.of(params);
            broken = ModelRules.forModel(request.model()).validate(request, providerRules);
        } catch (RunwareValidationException e) {
            broken = e.violations();
        }
        broken.stream()
                // a size that could not be picked is reported already
                .filter(v -> !sizeRefused || v.parameters().stream().noneMatch(SIZE_PARAMETERS::contains))
                .map(VideoRequestFactory::withOurOptionNames)
                .forEach(violation -> violations.add(naming(violation, sources)));
        if (!violations.isEmpty()) {
            throw new RunwareValidationException(request == null ? null : request.taskUUID(), violations);
        }
        return request;
    }

    private static void put(Map<String, Object> params, Map<String, String> sources, String name, Object value,
                            String source) {
        if (value != null) {
            params.put(name, value);
            sources.put(name, source);
        }
    }

    /** An unknown key is told every name a request may use here, {@code aspectRatio} too (read by this layer). */
    private static Violation withOurOptionNames(Violation violation) {
        return "unknownParameter".equals(violation.code())
                ? RequestReader.unknownParameter(violation.parameters().get(0), violation.value(), Set.of(ASPECT_RATIO))
                : violation;
    }

    /** A violation of a parameter that a header gave also names the header. */
    private static Violation naming(Violation violation, Map<String, String> sources) {
        for (String parameter : violation.parameters()) {
            String source = sources.get(RequestReader.flatName(parameter));
            if (source != null && source.startsWith(SeedanceConstants.HEADER_PREFIX)) {
                List<String> parameters = new ArrayList<>(violation.parameters());
                parameters.add(source);
                return new Violation(violation.code(), parameters, violation.value(), violation.allowed(),
                        source + ": " + violation.message());
            }
        }
        return violation;
    }

    private static Set<String> requestOptions() {
        Set<String> options = new HashSet<>(RequestReader.parameterNames());
        options.add(ASPECT_RATIO);
        return Set.copyOf(options);
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
    private static List<Object> frameImages(Exchange exchange, InlineMedia media, String source, Object value) {
        List<Object> frames = new ArrayList<>();
        for (Object element : MediaInputs.elements(value)) {
            if (element instanceof Map<?, ?> map) {
                String image = media.one(source, InlineMedia.Kind.IMAGE, map.get("image"));
                if (image != null) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("image", image);
                    if (map.get("frame") != null) {
                        item.put("frame", map.get("frame"));
                    }
                    frames.add(item);
                }
            } else if (element != null) {
                frames.addAll(media.list(source, InlineMedia.Kind.IMAGE, element));
            }
        }
        addFrame(exchange, media, frames, SeedanceConstants.FIRST_FRAME_IMAGE, "first");
        addFrame(exchange, media, frames, SeedanceConstants.LAST_FRAME_IMAGE, "last");
        return frames;
    }

    private static void addFrame(Exchange exchange, InlineMedia media, List<Object> frames, String header,
                                 String frame) {
        Object value = exchange.getMessage().getHeader(header);
        String image = value == null ? null : media.one(header, InlineMedia.Kind.IMAGE, value);
        if (image != null) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("image", image);
            item.put("frame", frame);
            frames.add(item);
        }
    }

    /**
     * A text-to-video task with neither a size nor frame images gets the model's size for the resolution and aspect
     * ratio; resolution itself is only sent with frame images. A model whose sizes are not known here needs its size
     * given.
     *
     * @return whether no size could be picked (the violation is added)
     */
    private static boolean pickSize(Map<String, Object> params, Map<String, String> sources, String aspectRatio,
                                    List<Violation> violations) {
        if (params.get("frameImages") != null || params.get("width") != null || params.get("height") != null) {
            return false;
        }
        Object model = params.get("model");
        ModelRules rules = ModelRules.forModel(model == null ? null : model.toString());
        Object resolution = params.remove("resolution");
        if (!rules.isKnown()) {
            violations.add(InvalidInput.violation(sources.getOrDefault("model", "model"), model, "one of the models "
                                                                                                 + "whose sizes are known here ("
                                                                                                 + ModelRules.SEEDANCE_2_MINI
                                                                                                 + ", "
                                                                                                 + ModelRules.SEEDANCE_2_FAST
                                                                                                 + ", "
                                                                                                 + ModelRules.SEEDANCE_2
                                                                                                 + "), or another model with width and height (or frame images) "
                                                                                                 + "given"));
            return true;
        }
        String wanted = resolution == null ? DEFAULT_RESOLUTION : resolution.toString().trim();
        String ratio = aspectRatio == null ? "16:9" : aspectRatio;
        Optional<int[]> size = rules.sizeFor(wanted, ratio);
        if (size.isEmpty()) {
            String parameter = rules.resolutions().contains(wanted) ? ASPECT_RATIO : "resolution";
            String allowed = ASPECT_RATIO.equals(parameter)
                    ? String.join(", ", rules.aspectRatios())
                    : String.join(", ", rules.resolutions()) + " (model " + model + ")";
            violations.add(InvalidInput.violation(sources.getOrDefault(parameter, parameter),
                    ASPECT_RATIO.equals(parameter) ? ratio : wanted, allowed));
            return true;
        }
        params.put("width", size.get()[0]);
        params.put("height", size.get()[1]);
        return false;
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
