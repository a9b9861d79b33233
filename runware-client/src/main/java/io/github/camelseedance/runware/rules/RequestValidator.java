package io.github.camelseedance.runware.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.camelseedance.runware.internal.Abbreviation;
import io.github.camelseedance.runware.model.FrameImage;
import io.github.camelseedance.runware.model.VideoInferenceRequest;

/** Checks one request against one model's {@link ModelRules}, collecting every violation. */
final class RequestValidator {

    private static final Pattern UUID_V4 = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$");
    private static final List<String> OUTPUT_TYPES = List.of("URL");
    private static final List<String> OUTPUT_FORMATS = List.of("MP4", "WEBM", "MOV");
    private static final List<String> DELIVERY_METHODS = List.of("async");
    private static final List<String> SAFETY_MODES = List.of("none", "fast", "full");
    private static final List<String> FRAME_VALUES = List.of("first", "last", "0", "-1");
    private static final int PROMPT_MIN = 2;
    private static final int PROMPT_MAX = 10_000;
    private static final int DURATION_MIN = 4;
    private static final int DURATION_MAX = 15;
    private static final int RESULTS_MAX = 4;
    private static final int QUALITY_MIN = 20;
    private static final int QUALITY_MAX = 99;
    private static final int TTL_MIN = 60;
    private static final int FRAME_IMAGES_MAX = 2;
    private static final int REFERENCE_IMAGES_MAX = 9;
    private static final int REFERENCE_VIDEOS_MAX = 3;
    private static final int REFERENCE_AUDIOS_MAX = 3;
    /** ByteDance-side: at most this many reference images, videos and audios together. */
    static final int REFERENCE_FILES_MAX = 12;
    /** Where the provider-side rules come from, for their messages. */
    private static final String PROVIDER_RULE = "a ByteDance-side rule restated by other gateways, not on Runware's"
                                                + " model page; switch it off with providerRules=false";

    private static final String FRAME_IMAGES = "inputs.frameImages";
    private static final String REFERENCE_IMAGES = "inputs.referenceImages";
    private static final String REFERENCE_VIDEOS = "inputs.referenceVideos";
    private static final String REFERENCE_AUDIOS = "inputs.referenceAudios";

    private final ModelRules rules;
    private final VideoInferenceRequest request;
    private final boolean providerRules;
    private final List<Violation> violations = new ArrayList<>();

    RequestValidator(ModelRules rules, VideoInferenceRequest request, boolean providerRules) {
        this.rules = rules;
        this.request = request;
        this.providerRules = providerRules;
    }

    /** Runs the platform rules, and the model rules when the model is known. */
    List<Violation> validate() {
        checkPlatformRules();
        if (rules.isKnown()) {
            checkPrompt();
            checkRange("duration", request.duration(), DURATION_MIN, DURATION_MAX, "unsupportedDuration");
            checkRange("numberResults", request.numberResults(), 1, RESULTS_MAX, "invalidParameterValue");
            checkEnum("resolution", request.resolution(), List.copyOf(rules.resolutions()));
            checkListSizes();
            checkFrameImages();
            checkDimensions();
            checkFramesExcludeReferences();
            if (providerRules) {
                checkProviderRules();
            }
        }
        return List.copyOf(violations);
    }

    /** The ByteDance-side input rules, which Runware's own page does not state. */
    private void checkProviderRules() {
        VideoInferenceRequest.Inputs inputs = request.inputs();
        List<String> audios = inputs.referenceAudios();
        if (audios != null && inputs.referenceImages() == null && inputs.referenceVideos() == null) {
            add("invalidParameterValue", List.of(REFERENCE_AUDIOS), audios.size() + " audio(s) without a reference"
                                                                    + " image or video",
                    "reference audios only together with at least one reference image or video ("
                                                                                         + PROVIDER_RULE + ")");
        }
        int files = size(inputs.referenceImages()) + size(inputs.referenceVideos()) + size(audios);
        if (files > REFERENCE_FILES_MAX) {
            add("invalidParameterValue", List.of(REFERENCE_IMAGES, REFERENCE_VIDEOS, REFERENCE_AUDIOS), files
                                                                                                        + " reference files",
                    "at most " + REFERENCE_FILES_MAX + " reference images, videos and audios in"
                                                                                                                              + " all ("
                                                                                                                              + PROVIDER_RULE
                                                                                                                              + ")");
        }
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private void checkPlatformRules() {
        if (request.model() == null || request.model().isBlank()) {
            missing("model", "a model identifier, e.g. " + ModelRules.SEEDANCE_2_MINI);
        }
        String uuid = request.taskUUID();
        if (uuid == null || uuid.isBlank()) {
            missing("taskUUID", "a UUID v4");
        } else if (!UUID_V4.matcher(uuid).matches()) {
            add("invalidParameterValue", List.of("taskUUID"), uuid,
                    "a UUID v4 (xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx)");
        }
        checkEnum("outputType", request.outputType(), OUTPUT_TYPES);
        checkEnum("outputFormat", request.outputFormat(), OUTPUT_FORMATS);
        checkRange("outputQuality", request.outputQuality(), QUALITY_MIN, QUALITY_MAX, "invalidParameterValue");
        checkEnum("deliveryMethod", request.deliveryMethod(), DELIVERY_METHODS);
        checkEnum("safety.mode", request.safety().mode(), SAFETY_MODES);
        if (request.ttl() != null && request.ttl() < TTL_MIN) {
            add("invalidParameterValue", List.of("ttl"), request.ttl(), "an integer >= " + TTL_MIN + " (seconds)");
        }
        checkHttpUri("webhookURL", request.webhookURL());
        checkHttpUri("uploadEndpoint", request.uploadEndpoint());
    }

    private void checkPrompt() {
        String prompt = request.positivePrompt();
        if (prompt == null) {
            missing("positivePrompt", "a text of " + PROMPT_MIN + ".." + PROMPT_MAX + " characters");
        } else if (prompt.length() < PROMPT_MIN || prompt.length() > PROMPT_MAX) {
            add("invalidParameterValue", List.of("positivePrompt"), prompt, Abbreviation.of(prompt) + " ("
                                                                            + prompt.length() + " characters)",
                    "a text of " + PROMPT_MIN + ".." + PROMPT_MAX + " characters");
        } else if (prompt.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isISOControl(c))
                .count() < PROMPT_MIN) {
            add("invalidParameterValue", List.of("positivePrompt"), prompt, escaped(prompt), "a text with at least "
                                                                                             + PROMPT_MIN
                                                                                             + " characters that are not spaces or control characters");
        }
    }

    private void checkListSizes() {
        checkListSize(FRAME_IMAGES, request.inputs().frameImages(), FRAME_IMAGES_MAX);
        checkListSize(REFERENCE_IMAGES, request.inputs().referenceImages(), REFERENCE_IMAGES_MAX);
        checkListSize(REFERENCE_VIDEOS, request.inputs().referenceVideos(), REFERENCE_VIDEOS_MAX);
        checkListSize(REFERENCE_AUDIOS, request.inputs().referenceAudios(), REFERENCE_AUDIOS_MAX);
    }

    private void checkListSize(String parameter, List<?> list, int max) {
        if (list != null && list.size() > max) {
            add("invalidParameterValue", List.of(parameter), list.size() + " items", "1.." + max + " items");
        }
    }

    private void checkFrameImages() {
        List<FrameImage> frames = request.inputs().frameImages();
        if (frames == null) {
            return;
        }
        Set<String> positions = new HashSet<>();
        for (int i = 0; i < frames.size(); i++) {
            FrameImage frame = frames.get(i);
            if (frame == null || frame.image() == null || frame.image().isBlank()) {
                missing(FRAME_IMAGES + ".image", "an image (UUID, URL, data URI or base64) in every frame image");
                continue;
            }
            if (frame.frame() != null && !FRAME_VALUES.contains(frame.frame())) {
                add("invalidParameterValue", List.of(FRAME_IMAGES + ".frame"), frame.frame(), "one of " + FRAME_VALUES);
                continue;
            }
            String position = frame.frame() != null ? frame.position() : i == 0 ? "first" : "last";
            if (frames.size() <= FRAME_IMAGES_MAX && !positions.add(position)) {
                add("conflictingParameters", List.of(FRAME_IMAGES), "two frame images for the " + position + " frame",
                        "at most one frame image per position (first = 0, last = -1; untagged items: the first"
                                                                                                                       + " item is the first frame, the second the last)");
            }
        }
    }

    private void checkDimensions() {
        Integer width = request.width();
        Integer height = request.height();
        boolean dimensions = width != null || height != null;
        if (request.inputs().frameImages() != null) {
            if (dimensions) {
                add("conflictingParameters", given(FRAME_IMAGES, true, "width", width != null, "height",
                        height != null), dimensions(width, height), "either inputs.frameImages or width + height");
            }
        } else if (request.resolution() != null && dimensions) {
            add("conflictingParameters", List.of("resolution", "width", "height"), "resolution="
                                                                                   + request.resolution() + ", "
                                                                                   + dimensions(width, height),
                    "resolution only with inputs.frameImages; width + height exclude it");
        } else if (width == null || height == null) {
            add("missingDimensionParameters", List.of("width", "height"), dimensions(width, height),
                    (request.resolution() != null
                            ? "resolution applies only with inputs.frameImages; without them "
                            : "") + "width and height together (one of " + rules.allowedSizes()
                                                                                                     + "), or inputs.frameImages");
        } else if (rules.resolutionOf(width, height) == null) {
            add("invalidParameterValue", List.of("width", "height"), width + "x" + height,
                    "one of " + rules.allowedSizes());
        }
    }

    private void checkFramesExcludeReferences() {
        if (request.inputs().frameImages() == null) {
            return;
        }
        List<String> references = given(REFERENCE_IMAGES, request.inputs().referenceImages() != null,
                REFERENCE_VIDEOS, request.inputs().referenceVideos() != null, REFERENCE_AUDIOS,
                request.inputs().referenceAudios() != null);
        if (!references.isEmpty()) {
            List<String> parameters = new ArrayList<>(List.of(FRAME_IMAGES));
            parameters.addAll(references);
            add("conflictingParameters", parameters, String.join(" + ", parameters),
                    "inputs.frameImages without referenceImages, referenceVideos or referenceAudios");
        }
    }

    private static String dimensions(Integer width, Integer height) {
        return "width=" + width + ", height=" + height;
    }

    private static List<String> given(String first, boolean firstGiven, String second, boolean secondGiven,
                                      String third, boolean thirdGiven) {
        List<String> names = new ArrayList<>();
        if (firstGiven) {
            names.add(first);
        }
        if (secondGiven) {
            names.add(second);
        }
        if (thirdGiven) {
            names.add(third);
        }
        return names;
    }

    private void checkRange(String parameter, Integer value, int min, int max, String code) {
        if (value != null && (value < min || value > max)) {
            add(code, List.of(parameter), value, "an integer " + min + ".." + max);
        }
    }

    private void checkEnum(String parameter, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add("invalidParameterValue", List.of(parameter), value, "one of " + allowed);
        }
    }

    private void checkHttpUri(String parameter, String value) {
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below like any other non-http(s) value
        }
        add("invalidParameterValue", List.of(parameter), Abbreviation.ofUrl(value),
                "an absolute http:// or https:// URI");
    }

    /** Control characters written as Java escapes, so that a message shows them. */
    private static String escaped(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(40).forEach(c -> shown.append(Character.isISOControl(c)
                ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return shown.toString();
    }

    private void missing(String parameter, String allowed) {
        violations.add(new Violation("missingParameter", List.of(parameter), null, allowed,
                parameter + ": not given, but required for model " + rules.model() + " (missingParameter); required: "
                                                                                            + allowed));
    }

    private void add(String code, List<String> parameters, Object value, String allowed) {
        add(code, parameters, value, value == null ? "not given" : Abbreviation.of(value), allowed);
    }

    /** A violation whose value is shown as {@code shown} (already shortened, with what matters about it). */
    private void add(String code, List<String> parameters, Object value, String shown, String allowed) {
        violations.add(new Violation(code, parameters, value, allowed, String.join(" + ", parameters) + ": "
                                                                       + shown + " is not allowed for model "
                                                                       + rules.model() + " (" + code + "); allowed: "
                                                                       + allowed));
    }
}
