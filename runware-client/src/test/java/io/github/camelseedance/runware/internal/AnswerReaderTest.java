package io.github.camelseedance.runware.internal;

import io.github.camelseedance.runware.model.UploadedMedia;

import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareInsufficientCreditsException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.model.Estimate;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareInsufficientCreditsException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.internal.AnswerReader;
import io.github.camelseedance.runware.internal.EnvelopeParser;
import io.github.camelseedance.runware.internal.RunwareResponse;
import io.github.camelseedance.runware.model.Estimate;
import io.github.camelseedance.runware.model.SubmitAck;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerReaderTest {

    private static final Set<String> DUPLICATE = Set.of("duplicateTaskUUID");

    private static RunwareResponse answer(int status, String body) {
        return EnvelopeParser.parse(status, Map.of(), body);
    }

    @Test
    void acknowledgement() {
        assertThat(AnswerReader.submitAck(answer(200, "{\"data\":[{\"taskType\":\"videoInference\",\"taskUUID\":\"u\"}]}"),
                "u", DUPLICATE)).isEqualTo(new SubmitAck("u", false));
    }

    @Test
    void duplicateMeansAlreadySubmitted() {
        RunwareResponse duplicate = answer(400, """
                {"errors":[{"code":"duplicateTaskUUID","parameter":"taskUUID","taskUUID":"u"}]}""");

        assertThat(AnswerReader.submitAck(duplicate, "u", DUPLICATE)).isEqualTo(new SubmitAck("u", true));
        assertThatThrownBy(() -> AnswerReader.submitAck(duplicate, "u", Set.of("somethingElse")))
                .isInstanceOf(RunwareValidationException.class);
    }

    @Test
    void submitErrorIsClassified() {
        assertThatThrownBy(() -> AnswerReader.submitAck(answer(400, """
                {"errors":[{"code":"unsupportedDuration","parameter":"duration","taskUUID":"u"}]}"""), "u", DUPLICATE))
                .isInstanceOfSatisfying(RunwareValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("unsupportedDuration");
                    assertThat(e.parameters()).containsExactly("duration");
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
        assertThatThrownBy(() -> AnswerReader.submitAck(answer(402, "{}"), "u", DUPLICATE))
                .isInstanceOf(RunwareInsufficientCreditsException.class);
        assertThatThrownBy(() -> AnswerReader.submitAck(answer(200, "{\"data\":[]}"), "u", DUPLICATE))
                .isInstanceOf(RunwareConnectionException.class).hasMessageContaining("u");
    }

    @Test
    void estimateReadsTheCost() {
        assertThat(AnswerReader.estimate(answer(200, """
                {"data":[{"taskType":"videoInference","taskUUID":"u","cost":0.405,"status":"dryRun"}]}"""), "u"))
                .isEqualTo(new Estimate("u", new BigDecimal("0.405")));
    }

    @Test
    void uploadsReadTheirPrefixedFields() {
        assertThat(AnswerReader.uploaded(answer(200, """
                {"data":[{"taskType":"imageUpload","taskUUID":"u","imageUUID":"i","imageURL":"http://h/i.png"}]}"""),
                "u", "image")).isEqualTo(new UploadedMedia("i", URI.create("http://h/i.png")));
        assertThatThrownBy(() -> AnswerReader.uploaded(answer(200, "{\"data\":[{\"taskUUID\":\"u\"}]}"), "u", "media"))
                .isInstanceOf(RunwareConnectionException.class).hasMessageContaining("mediaUUID");
    }
}
