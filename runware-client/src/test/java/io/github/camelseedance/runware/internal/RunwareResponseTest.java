package io.github.camelseedance.runware.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareInsufficientCreditsException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Answers read by Jackson into records: the envelope, its items and errors, both error forms. */
class RunwareResponseTest {

    @Test
    void dataAndErrorsSideBySide() {
        RunwareResponse response = RunwareResponse.parse(200, """
                {"data":[{"taskType":"videoInference","taskUUID":"a","cost":0.405,"NSFWContent":false,"seed":"7"}],
                 "errors":[{"code":"invalidDuration","message":"bad","parameter":"duration","taskUUID":"b",
                            "taskType":"videoInference","type":"integer","min":4,"max":15,"allowedValues":[4,15],
                            "documentation":"https://runware.ai/docs","somethingNew":{"x":1}}]}""");

        assertThat(response.httpStatus()).isEqualTo(200);
        ResponseItem item = response.data().get(0);
        assertThat(item.taskUUID()).isEqualTo("a");
        assertThat(item.cost()).isEqualByComparingTo("0.405");
        assertThat(item.nsfwContent()).isFalse();
        assertThat(item.seed()).isEqualTo(7L);
        RunwareError error = response.errors().get(0);
        assertThat(error.code()).isEqualTo("invalidDuration");
        assertThat(error.parameters()).containsExactly("duration");
        assertThat(error.allowedValues()).containsExactly(4, 15);
        assertThat(error.type()).isEqualTo("integer");
        assertThat(error.min()).isEqualByComparingTo("4");
        assertThat(error.max()).isEqualByComparingTo("15");
        assertThat(error.taskUUID()).isEqualTo("b");
        assertThat(error.taskType()).isEqualTo("videoInference");
        assertThat(error.documentation()).isEqualTo("https://runware.ai/docs");
    }

    @Test
    void parameterMayBeAnArray() {
        RunwareResponse response = RunwareResponse.parse(400, """
                {"errors":[{"code":"conflictingParameters","parameter":["inputs.frameImages","width"]}]}""");

        assertThat(response.errors().get(0).parameters()).containsExactly("inputs.frameImages", "width");
        assertThat(response.data()).isEmpty();
    }

    @Test
    void singularErrorCarriesTheTaskBesideIt() {
        RunwareResponse response = RunwareResponse.parse(400, """
                {"error":{"code":"conflictTaskUUID","message":"taskUUID already exists","parameter":"taskUUID"},
                 "taskUUID":"u-1","taskType":"videoInference"}""");

        assertThat(response.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("conflictTaskUUID");
            assertThat(e.taskUUID()).isEqualTo("u-1");
            assertThat(e.taskType()).isEqualTo("videoInference");
            assertThat(e.isTaskUUIDConflict()).isTrue();
        });
        assertThat(response.errorFor("u-1")).isPresent();
    }

    @Test
    void singularErrorAsObjectArrayOrText() {
        assertThat(RunwareResponse.parse(401, "{\"error\":{\"code\":\"invalidApiKey\",\"message\":\"no\"}}").errors())
                .extracting(RunwareError::code).containsExactly("invalidApiKey");
        assertThat(RunwareResponse.parse(500, "{\"error\":\"boom\"}").errors()).extracting(RunwareError::message)
                .containsExactly("boom");
        assertThat(RunwareResponse.parse(500, "{\"error\":[{\"code\":\"a\"},{\"code\":\"b\"}]}").errors())
                .extracting(RunwareError::code).containsExactly("a", "b");
    }

    @Test
    void nonJsonErrorPageBecomesOneErrorWithoutCode() {
        RunwareResponse response = RunwareResponse.parse(502, "<html>Bad gateway</html>");

        assertThat(response.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isNull();
            assertThat(e.message()).contains("Bad gateway");
        });
        assertThat(response.requestFailure()).get().satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void malformedSuccessfulAnswerIsAConnectionError() {
        assertThatThrownBy(() -> RunwareResponse.parse(200, "{\"data\":[{\"taskUUID\""))
                .isInstanceOf(RunwareConnectionException.class).hasMessageContaining("Malformed");
        assertThatThrownBy(() -> RunwareResponse.parse(200, "[1,2]")).isInstanceOf(RunwareConnectionException.class);
        assertThatThrownBy(() -> RunwareResponse.parse(200, "")).isInstanceOf(RunwareConnectionException.class);
    }

    @Test
    void answerBytesReadAsTheirTextIs() {
        String text = """
                {"data":[{"taskType":"videoInference","taskUUID":"a","cost":0.405,"status":"success",
                          "videoURL":"https://im.runware.ai/v/été.mp4"}],
                 "error":{"code":"insufficientCredits","message":"top up"},"taskUUID":"b","taskType":"videoInference"}""";

        assertThat(RunwareResponse.parse(200, text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(RunwareResponse.parse(200, text));
        assertThat(RunwareResponse.parse(502, "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8)).errors())
                .singleElement().satisfies(e -> assertThat(e.message()).contains("Bad gateway"));
        assertThatThrownBy(
                () -> RunwareResponse.parse(200, "{\"data\":[{\"taskUUID\"".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RunwareConnectionException.class).hasMessageContaining("{\"data\":[{\"taskUUID\"");
        assertThatThrownBy(() -> RunwareResponse.parse(200, " \n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RunwareConnectionException.class);
        assertThatThrownBy(() -> RunwareResponse.parse(200, "null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RunwareConnectionException.class).hasMessageContaining("null");
    }

    @Test
    void emptyEnvelope() {
        RunwareResponse response = RunwareResponse.parse(200, "{}");

        assertThat(response.data()).isEmpty();
        assertThat(response.errors()).isEqualTo(List.of());
        assertThat(response.requestFailure()).isEmpty();
    }

    @Test
    void theItemOfATaskOrItsClassifiedError() {
        RunwareResponse upload = RunwareResponse.parse(200, """
                {"data":[{"taskType":"mediaStorage","taskUUID":"u","mediaUUID":"m","mediaURL":"http://h/m.png"}]}""");
        assertThat(upload.itemFor("u").mediaURL()).isEqualTo(URI.create("http://h/m.png"));

        assertThatThrownBy(() -> RunwareResponse.parse(400, """
                {"errors":[{"code":"unsupportedDuration","parameter":"duration","taskUUID":"u"}]}""").itemFor("u"))
                .isInstanceOfSatisfying(RunwareValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("unsupportedDuration");
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
        assertThatThrownBy(() -> RunwareResponse.parse(402, "{}").itemFor("u"))
                .isInstanceOf(RunwareInsufficientCreditsException.class);
        assertThatThrownBy(() -> RunwareResponse.parse(200, "{\"data\":[]}").itemFor("u"))
                .isInstanceOf(RunwareConnectionException.class).hasMessageContaining("u");
    }

    @Test
    void getTaskDetailsCarriesTheOriginalRequestAndResponse() {
        ResponseItem details = RunwareResponse.parse(200, """
                {"data":[{"taskType":"getTaskDetails","taskUUID":"u",
                          "request":[{"taskType":"videoInference","taskUUID":"u","positivePrompt":"a fox"}],
                          "response":{"data":[{"taskUUID":"u","status":"success","videoUUID":"v",
                                               "videoURL":"http://h/v.mp4","cost":0.144}]}}]}""").itemFor("u");

        assertThat(details.request()).singleElement().satisfies(t -> assertThat(t).containsEntry("positivePrompt",
                "a fox"));
        assertThat(details.response().asResponse().data()).singleElement()
                .satisfies(i -> assertThat(i.cost()).isEqualTo(new BigDecimal("0.144")));
    }
}
