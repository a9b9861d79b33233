package io.github.camelseedance.simulator;

/** Runware error codes the simulator answers, and the messages of task outcomes. */
final class ErrorCodes {

    static final String INVALID_API_KEY = "invalidApiKey";
    static final String MISSING_PARAMETER = "missingParameter";
    static final String INVALID_PARAMETER_VALUE = "invalidParameterValue";
    static final String MISSING_DIMENSIONS = "missingDimensionParameters";
    static final String UNSUPPORTED_DURATION = "unsupportedDuration";
    static final String UNKNOWN_PARAMETER = "unknownParameter";
    static final String CONFLICTING_PARAMETERS = "conflictingParameters";
    static final String MODEL_NOT_FOUND = "modelNotFound";
    static final String MEDIA_NOT_FOUND = "mediaNotFound";
    static final String TASK_NOT_FOUND = "taskNotFound";
    static final String DUPLICATE_TASK_UUID = "duplicateTaskUUID";
    static final String INVALID_REQUEST_BODY = "invalidRequestBody";
    static final String UNSUPPORTED_TASK_TYPE = "unsupportedTaskType";

    private ErrorCodes() {
    }

    /** The code a simulated HTTP error status carries in its error envelope. */
    static String forHttpStatus(int status) {
        return switch (status) {
            case 401 -> INVALID_API_KEY;
            case 402 -> "insufficientCredits";
            case 403 -> "accessDenied";
            case 429 -> "inferenceRateLimitExceeded";
            case 503 -> "serviceUnavailable";
            case 504 -> "timeoutProvider";
            default -> status >= 500 ? "internalServerError" : "badRequest";
        };
    }

    /** A human readable message for a task that ended in error with that code. */
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
