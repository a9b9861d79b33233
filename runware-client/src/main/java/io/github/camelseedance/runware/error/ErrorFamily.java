package io.github.camelseedance.runware.error;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The families Runware error codes fall into, and the one table that classifies them. Runware calls its code list
 * "hundreds of strings and unstable", so codes are classified as its official SDKs do (the TypeScript SDK's
 * {@code deriveCode}, {@code src/errors.ts}): by prefix and substring, with a few exact names, the first matching
 * rule of {@link #ofCode} deciding. Whether a failure is worth trying again is a property of its family, decided here
 * and nowhere else.
 */
public enum ErrorFamily {

    /** The request breaks a rule ({@code invalid*}, {@code missing*}, {@code conflict*}, {@code duplicate*}, ...). */
    VALIDATION(false),
    /** The API key is missing, invalid or lacks permission ({@code *ApiKey*}, HTTP 401/403). */
    AUTHENTICATION(false),
    /** The balance does not cover the task ({@code *Credits*}, {@code *Quota*}, {@code *Balance*}, HTTP 402). */
    QUOTA(false),
    /** Runware or the provider is rate limiting ({@code *RateLimit*}, HTTP 429). */
    RATE_LIMIT(true),
    /** The prompt, an input or an output broke a content policy ({@code contentPolicyViolation}, ...). */
    SAFETY(false),
    /** The model provider failed or is unavailable ({@code provider*}, {@code taskFailed}, ...). */
    PROVIDER(true),
    /** Something took too long ({@code *Timeout*}, HTTP 408, the client's own wait). */
    TIMEOUT(true),
    /** Something does not exist (any more): {@code *NotFound}, {@code *Expired}, HTTP 404/410. */
    NOT_FOUND(false),
    /** Runware failed on its side ({@code internalServerError}, {@code serviceUnavailable}, HTTP 5xx). */
    SERVER(true),
    /** No usable answer: a network error, a request timeout, a malformed answer. */
    CONNECTION(true),
    /** A code no rule knows. Never retried: a submit is not sent again on a code nobody understands. */
    UNKNOWN(false);

    /** One row of the code table: the family of the codes the test accepts. */
    private record Rule(ErrorFamily family, Predicate<String> test) {
    }

    private static final List<Rule> CODE_TABLE = List.of(
            new Rule(CONNECTION, exact("connectionFailed", "notConnected", "notOpen", "reconnectionFailed",
                    "disconnected")),
            new Rule(QUOTA, contains("Credits", "Quota", "Balance").or(exact("quotaExceeded", "paymentRequired"))),
            new Rule(RATE_LIMIT, contains("RateLimit").or(exact("rateLimitExceeded"))),
            new Rule(SAFETY, exact("contentPolicyViolation", "providerContentPolicyViolation",
                    "sensitiveContentDetected", "unsafeContentDetected", "nsfwContentDetected", "promptBlocked",
                    "imageBlocked", "moderationFailed")),
            new Rule(AUTHENTICATION, contains("ApiKey").or(exact("unauthorized", "forbidden", "accessDenied",
                    "permissionDenied", "insufficientPermissions", "authenticationFailed", "authFailed", "authTimeout",
                    "invalidAuthentication", "invalidCredentials", "missingAuthentication", "tokenExpired",
                    "tokenInvalid", "tokenMissing", "tokenRevoked", "accountSuspended", "accountDisabled",
                    "organizationSuspended", "organizationDisabled", "workspaceSuspended", "workspaceDisabled"))),
            new Rule(TIMEOUT, code -> code.toLowerCase(Locale.ROOT).contains("timeout")),
            new Rule(NOT_FOUND, exact("taskCancelled", "taskFailedOrNotFound", "unknownModel")
                    .or(code -> code.endsWith("NotFound") || code.endsWith("Expired"))),
            new Rule(SERVER, exact("internalServerError", "serviceUnavailable", "serverUnavailable", "standardError",
                    "unknownError", "undefinedError", "defaultError", "unrecognizedResponse",
                    "errorRetrievingAccountManagement")),
            new Rule(PROVIDER, startsWith("provider").or(exact("inferenceError", "processingFailed", "taskFailed",
                    "downloadFailed", "uploadFailed", "noAvailableServer", "modelUnavailable", "modelDisabled",
                    "modelNotReady", "mediaStorageFileCouldNotBeMoved", "mediaNotReady"))),
            new Rule(VALIDATION, startsWith("invalid", "missing", "conflict", "duplicate", "unsupported", "value",
                    "array", "max").or(
                            exact("unknownParameter", "incompatibleParameters",
                                    "mismatchProviderSettingsProvider", "unknownProviderSettingsProvider",
                                    "transparentModelMismatch",
                                    "modelOwnershipValidationError", "modelAlreadyExists", "validationFailed"))));

    private final boolean retryable;

    ErrorFamily(boolean retryable) {
        this.retryable = retryable;
    }

    /**
     * @return whether a request that failed this way may succeed when sent again (rate limit, provider, timeout,
     *         server, connection)
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * The family of an error answered with a code, a status, or both. The code decides. A code no rule knows falls
     * back to the status only where the status gives a family that is not retried ({@code 400}, {@code 401}, ...):
     * an unknown code is never retried.
     *
     * @param  code       the error code, {@code null} when none was answered
     * @param  httpStatus the HTTP status, {@code 0} when there was no answer or the error came inside a successful
     *                    one
     * @return            the family
     */
    public static ErrorFamily of(String code, int httpStatus) {
        if (code == null || code.isBlank()) {
            return ofStatus(httpStatus);
        }
        ErrorFamily byCode = ofCode(code);
        if (byCode != UNKNOWN) {
            return byCode;
        }
        ErrorFamily byStatus = ofStatus(httpStatus);
        return byStatus.retryable ? UNKNOWN : byStatus;
    }

    /**
     * @param  code an error code
     * @return      the family of the first rule of the code table that accepts it, {@link #UNKNOWN} when none does
     */
    public static ErrorFamily ofCode(String code) {
        for (Rule rule : CODE_TABLE) {
            if (rule.test().test(code)) {
                return rule.family();
            }
        }
        return UNKNOWN;
    }

    /**
     * @param  httpStatus an HTTP status, {@code 0} for no answer at all
     * @return            400/422 validation, 401/403 authentication, 402 quota, 404/410 not found, 408 timeout,
     *                    429 rate limit, 5xx server, 0 connection, anything else unknown
     */
    public static ErrorFamily ofStatus(int httpStatus) {
        return switch (httpStatus) {
            case 0 -> CONNECTION;
            case 400, 422 -> VALIDATION;
            case 401, 403 -> AUTHENTICATION;
            case 402 -> QUOTA;
            case 404, 410 -> NOT_FOUND;
            case 408 -> TIMEOUT;
            case 429 -> RATE_LIMIT;
            default -> httpStatus >= 500 && httpStatus <= 599 ? SERVER : UNKNOWN;
        };
    }

    private static Predicate<String> exact(String... codes) {
        Set<String> set = Set.of(codes);
        return set::contains;
    }

    private static Predicate<String> contains(String... parts) {
        return code -> List.of(parts).stream().anyMatch(code::contains);
    }

    private static Predicate<String> startsWith(String... prefixes) {
        return code -> List.of(prefixes).stream().anyMatch(code::startsWith);
    }
}
