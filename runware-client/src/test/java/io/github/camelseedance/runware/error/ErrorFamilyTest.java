package io.github.camelseedance.runware.error;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one classification table: codes by prefix and substring as Runware's SDKs do, then statuses. */
class ErrorFamilyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // codes the protocol notes list, and the samples of the TypeScript SDK's own tests
            "invalidWidth, VALIDATION", "invalidPositivePrompt, VALIDATION", "invalidPositivePromptLength, VALIDATION",
            "missingPositivePrompt, VALIDATION", "conflictTaskUUID, VALIDATION", "duplicateTaskUUID, VALIDATION",
            "conflictingParameters, VALIDATION", "unsupportedDuration, VALIDATION", "unknownParameter, VALIDATION",
            "missingDimensionParameters, VALIDATION", "valueTooLarge, VALIDATION", "arrayTooSmall, VALIDATION",
            "maxLycorisModelsExceeded, VALIDATION", "validationFailed, VALIDATION",
            "invalidApiKey, AUTHENTICATION", "missingApiKey, AUTHENTICATION", "unauthorized, AUTHENTICATION",
            "authTimeout, AUTHENTICATION", "accountSuspended, AUTHENTICATION",
            "insufficientCredits, QUOTA", "videoInferenceInsufficientCredits, QUOTA",
            "providerInsufficientCredits, QUOTA", "thirdPartyInsufficientCredits, QUOTA", "quotaExceeded, QUOTA",
            "inferenceRateLimitExceeded, RATE_LIMIT", "providerRateLimitExceeded, RATE_LIMIT",
            "inferenceRateLimitRequestTooLarge, RATE_LIMIT", "rateLimitExceeded, RATE_LIMIT",
            "contentPolicyViolation, SAFETY", "providerContentPolicyViolation, SAFETY", "nsfwContentDetected, SAFETY",
            "promptBlocked, SAFETY",
            "providerError, PROVIDER", "providerUnavailable, PROVIDER", "providerBadGateway, PROVIDER",
            "providerInternalError, PROVIDER", "taskFailed, PROVIDER", "inferenceError, PROVIDER",
            "noAvailableServer, PROVIDER", "modelUnavailable, PROVIDER",
            "timeoutProvider, TIMEOUT", "providerTimeout, TIMEOUT", "providerGatewayTimeout, TIMEOUT",
            "webhookTimeout, TIMEOUT", "clientWaitTimeout, TIMEOUT",
            "taskNotFound, NOT_FOUND", "taskExpired, NOT_FOUND", "taskFailedOrNotFound, NOT_FOUND",
            "taskCancelled, NOT_FOUND", "modelNotFound, NOT_FOUND", "mediaNotFound, NOT_FOUND",
            "mediaExpired, NOT_FOUND", "providerNotFound, NOT_FOUND",
            "internalServerError, SERVER", "serviceUnavailable, SERVER", "unknownError, SERVER",
            "connectionFailed, CONNECTION",
            "somethingWeird, UNKNOWN" })
    void classifiesCodesByPrefixAndSubstring(String code, ErrorFamily family) {
        assertThat(ErrorFamily.ofCode(code)).isEqualTo(family);
        assertThat(ErrorFamily.of(code, 200)).isEqualTo(family);
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({ "0, CONNECTION", "400, VALIDATION", "422, VALIDATION", "401, AUTHENTICATION", "403, AUTHENTICATION",
            "402, QUOTA", "404, NOT_FOUND", "410, NOT_FOUND", "408, TIMEOUT", "429, RATE_LIMIT", "500, SERVER",
            "502, SERVER", "503, SERVER", "504, SERVER", "418, UNKNOWN" })
    void withoutACodeTheStatusDecides(int status, ErrorFamily family) {
        assertThat(ErrorFamily.of(null, status)).isEqualTo(family);
        assertThat(ErrorFamily.ofStatus(status)).isEqualTo(family);
    }

    @Test
    void anUnknownCodeIsNeverRetriedWhateverTheStatus() {
        assertThat(ErrorFamily.of("somethingNew", 500)).isEqualTo(ErrorFamily.UNKNOWN);
        assertThat(ErrorFamily.of("somethingNew", 429)).isEqualTo(ErrorFamily.UNKNOWN);
        assertThat(ErrorFamily.UNKNOWN.retryable()).isFalse();
        assertThat(ErrorFamily.of("somethingNew", 401)).isEqualTo(ErrorFamily.AUTHENTICATION);
        assertThat(ErrorFamily.of("somethingNew", 404)).isEqualTo(ErrorFamily.NOT_FOUND);
    }

    @Test
    void retryableFamiliesAreTheSdksOnes() {
        assertThat(ErrorFamily.values()).filteredOn(ErrorFamily::retryable).containsExactlyInAnyOrder(
                ErrorFamily.RATE_LIMIT, ErrorFamily.PROVIDER, ErrorFamily.TIMEOUT, ErrorFamily.SERVER,
                ErrorFamily.CONNECTION);
    }

    @Test
    void aTaskUUIDConflictIsTheConflictFamilyAboutTheTaskUUID() {
        assertThat(RunwareError.of("conflictTaskUUID", "taskUUID already exists", "u").isTaskUUIDConflict()).isTrue();
        assertThat(RunwareError.of("duplicateTaskUUID", "", "u").isTaskUUIDConflict()).isTrue();
        assertThat(new RunwareError("conflictTask", null, java.util.List.of("taskUUID"), null, null, null, null, null,
                "u", null, null).isTaskUUIDConflict()).isTrue();
        assertThat(new RunwareError("conflictingParameters", null, java.util.List.of("width", "height"), null, null,
                null, null, null, "u", null, null).isTaskUUIDConflict()).isFalse();
        assertThat(RunwareError.of("invalidTaskUUID", "", "u").isTaskUUIDConflict()).isFalse();
    }
}
