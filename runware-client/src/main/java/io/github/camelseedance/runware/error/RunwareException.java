package io.github.camelseedance.runware.error;

import java.util.List;
import java.util.Set;

/**
 * An unchecked failure of a Runware call. Subclasses tell the kind; {@link #from(RunwareError, int)} is the one place
 * where Runware error codes and HTTP statuses are classified.
 */
public class RunwareException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final Set<String> VALIDATION_CODES = Set.of("missingParameter", "invalidParameterValue",
            "missingDimensionParameters", "unsupportedDuration", "unknownParameter", "conflictingParameters",
            "duplicateTaskUUID", "invalidRequest");
    private static final Set<String> AUTH_CODES = Set.of("invalidApiKey");
    private static final Set<String> CREDIT_CODES = Set.of("insufficientCredits", "videoInferenceInsufficientCredits");
    private static final Set<String> RATE_LIMIT_CODES = Set.of("inferenceRateLimitExceeded", "providerRateLimitExceeded");
    private static final Set<String> CONTENT_POLICY_CODES = Set.of("providerContentPolicyViolation",
            "contentPolicyViolation");
    private static final Set<String> PROVIDER_CODES = Set.of("providerError", "providerUnavailable");
    private static final Set<String> TIMEOUT_CODES = Set.of("timeoutProvider", "providerTimeout", "webhookTimeout",
            RunwareTimeoutException.CLIENT_WAIT_TIMEOUT);
    private static final Set<String> NOT_FOUND_CODES = Set.of("taskNotFound", "modelNotFound", "mediaNotFound");
    private static final Set<String> SERVER_CODES = Set.of("serviceUnavailable", "internalServerError");

    private final String code;
    private final List<String> parameters;
    private final String taskUUID;
    private final int httpStatus;
    private final boolean retryable;
    private final transient RunwareError error;

    /**
     * Creates an exception.
     *
     * @param message    the message
     * @param error      the error answered (or synthesised client-side), may be {@code null}; code, parameters and
     *                   taskUUID are taken from it
     * @param httpStatus the HTTP status, 0 when none
     * @param retryable  whether trying again may succeed
     * @param cause      the cause, may be {@code null}
     */
    public RunwareException(String message, RunwareError error, int httpStatus, boolean retryable, Throwable cause) {
        super(message, cause);
        this.error = error;
        this.code = error == null ? null : error.code();
        this.parameters = error == null ? List.of() : error.parameters();
        this.taskUUID = error == null ? null : error.taskUUID();
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    /**
     * Classifies an error answered by Runware into the exception type that describes it. The error code decides;
     * when it is absent or unknown the HTTP status does (401/403 authentication, 402 credits, 404/410 not found,
     * 408 timeout, 429 rate limit, 400/422 validation, 5xx server).
     *
     * @param  error      the error object, may be {@code null} (then the status alone decides)
     * @param  httpStatus the HTTP status of the answer, 0 when the error came inside a successful answer
     * @return            the classified exception (not thrown)
     */
    public static RunwareException from(RunwareError error, int httpStatus) {
        String code = error == null ? null : error.code();
        String message = describe(error, httpStatus);
        if (code != null) {
            RunwareException byCode = byCode(code, message, error, httpStatus);
            if (byCode != null) {
                return byCode;
            }
        }
        return byStatus(message, error, httpStatus);
    }

    private static RunwareException byCode(String code, String message, RunwareError error, int status) {
        if (AUTH_CODES.contains(code)) {
            return new RunwareAuthenticationException(message, error, status, null);
        }
        if (CREDIT_CODES.contains(code)) {
            return new RunwareInsufficientCreditsException(message, error, status, null);
        }
        if (RATE_LIMIT_CODES.contains(code)) {
            return new RunwareRateLimitException(message, error, status, null);
        }
        if (CONTENT_POLICY_CODES.contains(code)) {
            return new RunwareContentPolicyException(message, error, status, null);
        }
        if (PROVIDER_CODES.contains(code)) {
            return new RunwareProviderException(message, error, status, null);
        }
        if (TIMEOUT_CODES.contains(code)) {
            return new RunwareTimeoutException(message, error, status, null);
        }
        if (NOT_FOUND_CODES.contains(code)) {
            return new RunwareNotFoundException(message, error, status, null);
        }
        if (SERVER_CODES.contains(code)) {
            return new RunwareServerException(message, error, status, null);
        }
        if (VALIDATION_CODES.contains(code)) {
            return new RunwareValidationException(message, error, status, null);
        }
        return null;
    }

    private static RunwareException byStatus(String message, RunwareError error, int status) {
        switch (status) {
            case 400, 422:
                return new RunwareValidationException(message, error, status, null);
            case 401, 403:
                return new RunwareAuthenticationException(message, error, status, null);
            case 402:
                return new RunwareInsufficientCreditsException(message, error, status, null);
            case 404, 410:
                return new RunwareNotFoundException(message, error, status, null);
            case 408:
                return new RunwareTimeoutException(message, error, status, null);
            case 429:
                return new RunwareRateLimitException(message, error, status, null);
            default:
                if (status >= 500) {
                    return new RunwareServerException(message, error, status, null);
                }
                return new RunwareException(message, error, status, false, null);
        }
    }

    private static String describe(RunwareError error, int status) {
        StringBuilder text = new StringBuilder("Runware");
        if (error != null && error.code() != null) {
            text.append(" error ").append(error.code());
        } else {
            text.append(" request failed");
        }
        if (status > 0) {
            text.append(" (HTTP ").append(status).append(')');
        }
        if (error != null && error.taskUUID() != null) {
            text.append(" for task ").append(error.taskUUID());
        }
        if (error != null && error.message() != null) {
            text.append(": ").append(error.message());
        }
        if (error != null && !error.parameters().isEmpty()) {
            text.append(" [parameter ").append(String.join(", ", error.parameters())).append(']');
        }
        if (error != null && !error.allowedValues().isEmpty()) {
            text.append(" [allowed ").append(error.allowedValues()).append(']');
        }
        return text.toString();
    }

    /** @return the Runware error code, {@code null} when none (e.g. a network error) */
    public String code() {
        return code;
    }

    /** @return the parameters the error names, empty when none */
    public List<String> parameters() {
        return parameters;
    }

    /** @return the task concerned, {@code null} when the error is not about one task */
    public String taskUUID() {
        return taskUUID;
    }

    /** @return the HTTP status of the answer, 0 when there was none */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return whether trying again may succeed */
    public boolean retryable() {
        return retryable;
    }

    /** @return the error object answered (or synthesised), {@code null} when none */
    public RunwareError error() {
        return error;
    }
}
