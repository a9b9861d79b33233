package io.github.camelseedance.simulator;

import java.util.Locale;

/**
 * Runware error codes the simulator answers, and the messages of task outcomes.
 *
 * <p>Validation codes are per parameter, as Runware's are ({@code invalidWidth}, {@code missingPositivePrompt},
 * {@code invalidPositivePromptLength}): {@link #invalid} and {@link #missing} build them from the parameter's path,
 * {@code inputs.} dropped and the other segments joined in camel case ({@code settings.audio} gives
 * {@code invalidSettingsAudio}, {@code inputs.frameImages[0].frame} gives {@code invalidFrameImagesFrame}).
 */
final class ErrorCodes {

    static final String INVALID_API_KEY = "invalidApiKey";
    static final String MISSING_DIMENSIONS = "missingDimensionParameters";
    static final String INVALID_DIMENSIONS = "invalidDimensions";
    static final String UNKNOWN_PARAMETER = "unknownParameter";
    static final String CONFLICTING_PARAMETERS = "conflictingParameters";
    static final String MODEL_NOT_FOUND = "modelNotFound";
    static final String MEDIA_NOT_FOUND = "mediaNotFound";
    static final String TASK_NOT_FOUND = "taskNotFound";
    static final String CONFLICT_TASK_UUID = "conflictTaskUUID";
    static final String INVALID_REQUEST_BODY = "invalidRequestBody";
    static final String UNSUPPORTED_TASK_TYPE = "unsupportedTaskType";
    static final String UNSUPPORTED_GET_RESPONSE_BATCH = "unsupportedGetResponseBatch";
    static final String MEDIA_NOT_READY = "mediaNotReady";

    private ErrorCodes() {
    }

    /** {@code invalid<Parameter>}: the code of a parameter whose value breaks a rule. */
    static String invalid(String parameter) {
        return "invalid" + camel(parameter);
    }

    /** {@code missing<Parameter>}: the code of a required parameter that is absent. */
    static String missing(String parameter) {
        return "missing" + camel(parameter);
    }

    private static String camel(String parameter) {
        String path = parameter.startsWith("inputs.") ? parameter.substring("inputs.".length()) : parameter;
        StringBuilder code = new StringBuilder();
        for (String segment : path.replaceAll("\\[\\d+]", "").split("\\.")) {
            if (!segment.isEmpty()) {
                code.append(segment.substring(0, 1).toUpperCase(Locale.ROOT)).append(segment.substring(1));
            }
        }
        return code.toString();
    }

    /** The code a simulated HTTP error status carries in its error envelope. */
    static String forHttpStatus(int status) {
        return switch (status) {
            case 401 -> INVALID_API_KEY;
            case 402 -> "insufficientCredits";
            case 403 -> "accessDenied";
            case 422 -> MEDIA_NOT_READY;
            case 429 -> "inferenceRateLimitExceeded";
            case 503 -> "serviceUnavailable";
            case 504 -> "timeoutProvider";
            default -> status >= 500 ? "internalServerError" : "badRequest";
        };
    }

    /** A human readable message for a task or result that ended in error with that code. */
    static String outcomeMessage(String code) {
        return switch (code) {
            case "timeoutProvider", "providerTimeout" -> "The provider did not deliver the video in time.";
            case "providerError" -> "The provider failed to generate the video.";
            case "providerUnavailable" -> "The provider is temporarily unavailable.";
            case "providerRateLimitExceeded" -> "The provider's rate limit was exceeded.";
            case "providerContentPolicyViolation", "contentPolicyViolation" ->
                "The request or the generated video violates the content policy.";
            case "insufficientCredits", "videoInferenceInsufficientCredits" ->
                "Insufficient credits to run the video task.";
            default -> "The video task failed (" + code + ").";
        };
    }
}
