package io.github.camelseedance.runware.error;

import java.math.BigDecimal;
import java.util.List;

import io.github.camelseedance.runware.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The sealed hierarchy follows the family table: one final type per family, retryable as its family. */
class RunwareExceptionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "invalidWidth, RunwareValidationException, false",
            "missingPositivePrompt, RunwareValidationException, false",
            "invalidApiKey, RunwareAuthenticationException, false",
            "insufficientCredits, RunwareInsufficientCreditsException, false",
            "inferenceRateLimitExceeded, RunwareRateLimitException, true",
            "providerContentPolicyViolation, RunwareContentPolicyException, false",
            "providerError, RunwareProviderException, true",
            "timeoutProvider, RunwareTimeoutException, true",
            "taskExpired, RunwareNotFoundException, false",
            "internalServerError, RunwareServerException, true",
            "connectionFailed, RunwareConnectionException, true",
            "somethingWeird, RunwareUnknownException, false" })
    void classifiesByCode(String code, String type, boolean retryable) {
        RunwareException e = RunwareException.from(RunwareError.of(code, "it went wrong", "t-1"), 200);

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.family()).isEqualTo(ErrorFamily.ofCode(code));
        assertThat(e.retryable()).isEqualTo(retryable).isEqualTo(e.family().retryable());
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.taskUUID()).isEqualTo("t-1");
        assertThat(e.getMessage()).contains(code).contains("it went wrong").contains("t-1");
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, RunwareValidationException, false",
            "401, RunwareAuthenticationException, false",
            "402, RunwareInsufficientCreditsException, false",
            "404, RunwareNotFoundException, false",
            "408, RunwareTimeoutException, true",
            "429, RunwareRateLimitException, true",
            "503, RunwareServerException, true",
            "418, RunwareUnknownException, false" })
    void classifiesByStatusWithoutACode(int status, String type, boolean retryable) {
        RunwareException e = RunwareException.from(null, status);

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.getMessage()).contains("HTTP " + status);
    }

    @Test
    void codeWinsOverStatus() {
        assertThat(RunwareException.from(RunwareError.of("invalidApiKey", "bad key", null), 500))
                .isInstanceOf(RunwareAuthenticationException.class);
        assertThat(RunwareException.from(RunwareError.of("providerError", "boom", null), 400))
                .isInstanceOf(RunwareProviderException.class);
        assertThat(RunwareException.from(RunwareError.of("somethingNew", "?", null), 503))
                .isInstanceOf(RunwareUnknownException.class).satisfies(e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void carriesParametersAllowedValuesAndRange() {
        RunwareError error = new RunwareError("invalidWidth", "no", List.of("width"), List.of(864, 1280), "integer",
                new BigDecimal("256"), new BigDecimal("16383"), "videoInference", "u", null, null);

        RunwareException e = RunwareException.from(error, 400);

        assertThat(e).isInstanceOf(RunwareValidationException.class);
        assertThat(e.parameters()).containsExactly("width");
        assertThat(e.error()).isSameAs(error);
        assertThat(e.getMessage()).contains("width").contains("864").contains("256..16383");
    }

    @Test
    void aFailureAboutATaskCarriesItsUUIDAndKeepsItsFamily() {
        java.net.ConnectException refused = new java.net.ConnectException("Connection refused");
        RunwareException network = new RunwareConnectionException("Runware request failed: reset", null, 0, refused);

        RunwareException about = network.aboutTask("u-9");

        assertThat(about).isInstanceOf(RunwareConnectionException.class).hasCause(refused);
        assertThat(about.taskUUID()).isEqualTo("u-9");
        assertThat(about.getMessage()).contains("reset").contains("u-9");
        assertThat(about.retryable()).isTrue();
        assertThat(about.aboutTask("u-9")).isSameAs(about);
    }

    @Test
    void clientWaitTimeoutNamesTheTask() {
        RunwareTimeoutException e = RunwareTimeoutException.waitTimeout("u-1", java.time.Duration.ofMinutes(20),
                TaskState.PROCESSING);

        assertThat(e.taskUUID()).isEqualTo("u-1");
        assertThat(e.code()).isEqualTo(RunwareTimeoutException.CLIENT_WAIT_TIMEOUT);
        assertThat(e.isClientWait()).isTrue();
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("u-1").contains("PT20M").contains("PROCESSING");
        assertThat(RunwareException.from(e.error(), 0)).isInstanceOf(RunwareTimeoutException.class);
    }
}
