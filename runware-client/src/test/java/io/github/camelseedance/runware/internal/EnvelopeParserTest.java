package io.github.camelseedance.runware.internal;

import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.internal.EnvelopeParser;
import io.github.camelseedance.runware.internal.RunwareResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeParserTest {

    private static RunwareResponse parse(int status, String body) {
        return EnvelopeParser.parse(status, Map.of(), body);
    }

    @Test
    void dataAndErrorsSideBySide() {
        RunwareResponse response = parse(200, """
                {"data":[{"taskType":"videoInference","taskUUID":"a","cost":0.405}],
                 "errors":[{"code":"invalidParameterValue","message":"bad","parameter":"duration","taskUUID":"b",
                            "taskType":"videoInference","allowedValues":[4,15]}]}""");

        assertThat(response.httpStatus()).isEqualTo(200);
        assertThat(response.data()).hasSize(1);
        assertThat(response.data().get(0)).containsEntry("taskUUID", "a")
                .containsEntry("cost", new java.math.BigDecimal("0.405"));
        RunwareError error = response.errors().get(0);
        assertThat(error.code()).isEqualTo("invalidParameterValue");
        assertThat(error.parameters()).containsExactly("duration");
        assertThat(error.allowedValues()).containsExactly(4, 15);
        assertThat(error.taskUUID()).isEqualTo("b");
        assertThat(error.taskType()).isEqualTo("videoInference");
        assertThat(error.raw()).containsEntry("message", "bad");
    }

    @Test
    void parameterMayBeAnArray() {
        RunwareResponse response = parse(400, """
                {"errors":[{"code":"conflictingParameters","parameter":["inputs.frameImages","width"]}]}""");

        assertThat(response.errors().get(0).parameters()).containsExactly("inputs.frameImages", "width");
        assertThat(response.data()).isEmpty();
    }

    @Test
    void legacySingularErrorAsObjectOrString() {
        assertThat(parse(401, "{\"error\":{\"code\":\"invalidApiKey\",\"message\":\"no\"}}").errors())
                .extracting(RunwareError::code).containsExactly("invalidApiKey");
        assertThat(parse(500, "{\"error\":\"boom\"}").errors()).extracting(RunwareError::message)
                .containsExactly("boom");
    }

    @Test
    void nonJsonErrorPageBecomesOneErrorWithoutCode() {
        RunwareResponse response = parse(502, "<html>Bad gateway</html>");

        assertThat(response.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isNull();
            assertThat(e.message()).contains("Bad gateway");
        });
    }

    @Test
    void malformedSuccessfulAnswerIsAConnectionError() {
        assertThatThrownBy(() -> parse(200, "{\"data\":[{\"taskUUID\""))
                .isInstanceOf(RunwareConnectionException.class).hasMessageContaining("Malformed");
        assertThatThrownBy(() -> parse(200, "[1,2]")).isInstanceOf(RunwareConnectionException.class);
    }

    @Test
    void emptyEnvelope() {
        RunwareResponse response = parse(200, "{}");

        assertThat(response.data()).isEmpty();
        assertThat(response.errors()).isEqualTo(List.of());
    }
}
