package io.github.camelseedance.runware.error;

import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.error.RunwareAuthenticationException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareProviderException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.model.TaskState;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunwareExceptionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "missingParameter, RunwareValidationException, false",
            "invalidParameterValue, RunwareValidationException, false",
            "missingDimensionParameters, RunwareValidationException, false",
            "unsupportedDuration, RunwareValidationException, false",
            "unknownParameter, RunwareValidationException, false",
            "conflictingParameters, RunwareValidationException, false",
            "duplicateTaskUUID, RunwareValidationException, false",
            "invalidApiKey, RunwareAuthenticationException, false",
            "insufficientCredits, RunwareInsufficientCreditsException, false",
            "videoInferenceInsufficientCredits, RunwareInsufficientCreditsException, false",
            "inferenceRateLimitExceeded, RunwareRateLimitException, true",
            "providerRateLimitExceeded, RunwareRateLimitException, true",
            "providerContentPolicyViolation, RunwareContentPolicyException, false",
            "contentPolicyViolation, RunwareContentPolicyException, false",
            "providerError, RunwareProviderException, true",
            "providerUnavailable, RunwareProviderException, true",
            "timeoutProvider, RunwareTimeoutException, true",
            "providerTimeout, RunwareTimeoutException, true",
            "webhookTimeout, RunwareTimeoutException, true",
            "taskNotFound, RunwareNotFoundException, false",
            "modelNotFound, RunwareNotFoundException, false",
            "mediaNotFound, RunwareNotFoundException, false",
            "serviceUnavailable, RunwareServerException, true",
            "internalServerError, RunwareServerException, true"})
    void classifiesByCode(String code, String type, boolean retryable) {
        RunwareException e = RunwareException.from(RunwareError.of(code, "it went wrong", "t-1"), 200);

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.taskUUID()).isEqualTo("t-1");
        assertThat(e.getMessage()).contains(code).contains("it went wrong").contains("t-1");
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, RunwareValidationException, false",
            "422, RunwareValidationException, false",
            "401, RunwareAuthenticationException, false",
            "403, RunwareAuthenticationException, false",
            "402, RunwareInsufficientCreditsException, false",
            "404, RunwareNotFoundException, false",
            "410, RunwareNotFoundException, false",
            "408, RunwareTimeoutException, true",
            "429, RunwareRateLimitException, true",
            "500, RunwareServerException, true",
            "503, RunwareServerException, true",
            "504, RunwareServerException, true",
            "418, RunwareException, false"})
    void classifiesByStatusWhenTheCodeIsUnknownOrAbsent(int status, String type, boolean retryable) {
        for (RunwareError error : new RunwareError[] {null, RunwareError.of("somethingNew", "?", null)}) {
            RunwareException e = RunwareException.from(error, status);

            assertThat(e.getClass().getSimpleName()).isEqualTo(type);
            assertThat(e.retryable()).isEqualTo(retryable);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.getMessage()).contains("HTTP " + status);
        }
    }

    @Test
    void codeWinsOverStatus() {
        assertThat(RunwareException.from(RunwareError.of("invalidApiKey", "bad key", null), 500))
                .isInstanceOf(RunwareAuthenticationException.class);
        assertThat(RunwareException.from(RunwareError.of("providerError", "boom", null), 400))
                .isInstanceOf(RunwareProviderException.class);
    }

    @Test
    void carriesParametersAndAllowedValues() {
        RunwareError error = RunwareError.fromMap(Map.of("code", "conflictingParameters", "message", "no",
                "parameter", List.of("width", "height"), "allowedValues", List.of("864x496"), "taskUUID", "u"));

        RunwareException e = RunwareException.from(error, 400);

        assertThat(e).isInstanceOf(RunwareValidationException.class);
        assertThat(e.parameters()).containsExactly("width", "height");
        assertThat(e.error()).isSameAs(error);
        assertThat(e.getMessage()).contains("width, height").contains("864x496");
    }

    @Test
    void clientWaitTimeoutNamesTheTask() {
        RunwareTimeoutException e = RunwareTimeoutException.waitTimeout("u-1", java.time.Duration.ofMinutes(20),
                TaskState.PROCESSING);

        assertThat(e.taskUUID()).isEqualTo("u-1");
        assertThat(e.code()).isEqualTo(RunwareTimeoutException.CLIENT_WAIT_TIMEOUT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("u-1").contains("PT20M").contains("PROCESSING");
        assertThat(RunwareException.from(e.error(), 0)).isInstanceOf(RunwareTimeoutException.class);
    }
}
