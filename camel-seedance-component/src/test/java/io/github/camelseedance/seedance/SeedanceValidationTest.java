package io.github.camelseedance.seedance;

import java.util.Map;
import java.util.stream.Stream;

import io.github.camelseedance.runware.error.RunwareValidationException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every rule of the model sheet fails the exchange before any request is sent, with a message naming the parameter,
 * the value and what is allowed.
 */
class SeedanceValidationTest extends SeedanceTestSupport {

    private static final String PROMPT = "A fox in the snow";

    /** URI query, parameter the message must name, value the message must show. */
    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                arguments("duration=3", "duration", "3"),
                arguments("duration=16", "duration", "16"),
                arguments("numberResults=5", "numberResults", "5"),
                arguments("outputQuality=10", "outputQuality", "10"),
                arguments("outputQuality=100", "outputQuality", "100"),
                arguments("ttl=30", "ttl", "30"),
                arguments("outputFormat=AVI", "outputFormat", "AVI"),
                arguments("outputType=base64Data", "outputType", "base64Data"),
                arguments("deliveryMethod=sync", "deliveryMethod", "sync"),
                arguments("safetyMode=paranoid", "mode", "paranoid"),
                arguments("width=1000&height=700", "width", "1000"),
                arguments("width=1280", "height", ""),
                arguments("resolution=1080p", "resolution", "1080p"),
                arguments("aspectRatio=5:4", "aspectRatio", "5:4"),
                arguments("resolution=720p&width=1280&height=720", "resolution", "720p"),
                arguments("webhookURL=RAW(ftp://example.com/hook)", "webhookURL", "ftp://example.com/hook"),
                arguments("referenceImages=a,b,c,d,e,f,g,h,i,j", "referenceImages", "10"),
                arguments("referenceVideos=a,b,c,d", "referenceVideos", "4"),
                arguments("referenceAudios=a,b,c,d", "referenceAudios", "4"),
                arguments(
                        "frameImages=RAW(https://example.com/a.png,https://example.com/b.png,https://example.com/c.png)"
                          + "&resolution=720p",
                        "frameImages", "3"),
                arguments("frameImages=RAW(https://example.com/a.png)&resolution=720p"
                          + "&referenceImages=RAW(https://example.com/b.png)",
                        "referenceImages", "frameImages"),
                arguments("model=bytedance:seedance@9.9", "model", "bytedance:seedance@9.9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidRequestFailsBeforeAnyRequest(String query, String parameter, String value) {
        Exchange exchange = template.send("seedance:generate?" + query, e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isInstanceOf(RunwareValidationException.class);
        assertThat(exchange.getException().getMessage()).contains(parameter).contains(value);
        assertThat(SIMULATOR.requests().all()).isEmpty();
    }

    @Test
    void missingPromptIsReportedAndNothingIsSent() {
        Exchange exchange = template.send("seedance:generate", e -> e.getMessage().setBody(null));

        assertThat(exchange.getException()).isInstanceOf(RunwareValidationException.class)
                .hasMessageContaining("positivePrompt");
        assertThat(SIMULATOR.requests().all()).isEmpty();
    }

    @Test
    void tooShortPromptIsReported() {
        Exchange exchange = template.send("seedance:generate", e -> e.getMessage().setBody("x"));

        assertThat(exchange.getException()).isInstanceOf(RunwareValidationException.class)
                .hasMessageContaining("positivePrompt");
        assertThat(SIMULATOR.requests().all()).isEmpty();
    }

    @Test
    void invalidTaskUUIDIsReported() {
        Exchange exchange = template.send("seedance:submit", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.TASK_UUID, "not-a-uuid");
        });

        assertThat(exchange.getException()).isInstanceOf(RunwareValidationException.class)
                .hasMessageContaining("taskUUID").hasMessageContaining("not-a-uuid");
        assertThat(SIMULATOR.requests().all()).isEmpty();
    }

    @Test
    void unknownParameterInABodyRequestIsReported() {
        Exchange exchange = template.send("seedance:generate",
                e -> e.getMessage().setBody(Map.of("positivePrompt", PROMPT, "fps", 24)));

        assertThat(exchange.getException()).isInstanceOf(RunwareValidationException.class)
                .hasMessageContaining("fps");
        assertThat(SIMULATOR.requests().all()).isEmpty();
    }

    @Test
    void headerOfTheWrongTypeIsReported() {
        Exchange exchange = template.send("seedance:generate", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.WAIT_TIMEOUT, "soon");
        });

        assertThat(exchange.getException()).isInstanceOf(RunwareValidationException.class)
                .hasMessageContaining(SeedanceConstants.WAIT_TIMEOUT).hasMessageContaining("soon");
        assertThat(SIMULATOR.requests().all()).isEmpty();
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        Exchange exchange = template.send("seedance:generate?duration=2&numberResults=9&outputQuality=1",
                e -> e.getMessage().setBody(PROMPT));

        RunwareValidationException failure = (RunwareValidationException) exchange.getException();
        assertThat(failure.violations()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void aBadResolutionDoesNotHideTheOtherViolations() {
        Exchange exchange = template.send("seedance:generate?resolution=999p&duration=99&numberResults=9"
                                          + "&outputQuality=1&outputFormat=AVI",
                e -> e.getMessage().setBody(PROMPT));

        RunwareValidationException failure = (RunwareValidationException) exchange.getException();
        assertThat(failure.violations()).flatExtracting(v -> v.parameters())
                .contains("resolution", "duration", "numberResults", "outputQuality", "outputFormat");
        assertThat(failure.getMessage()).contains("(5 violations)", "999p", "99", "AVI");
        assertThat(SIMULATOR.requests().all()).isEmpty();
    }

    @Test
    void aLongPromptIsReportedWithItsLength() {
        String prompt = "A lighthouse at dawn, waves crashing. ".repeat(527).substring(0, 20_000);
        Exchange exchange = template.send("seedance:generate", e -> e.getMessage().setBody(prompt));

        assertThat(exchange.getException()).isInstanceOf(RunwareValidationException.class);
        assertThat(exchange.getException().getMessage()).contains("positivePrompt", "20000 characters", "2..10000")
                .doesNotContain("115 chars");
    }

    @Test
    void theUnknownParameterMessageListsEveryOptionName() {
        Exchange exchange = template.send("seedance:generate",
                e -> e.getMessage().setBody(Map.of("positivePrompt", PROMPT, "fps", 24)));

        assertThat(exchange.getException().getMessage()).contains("fps", "aspectRatio", "audio", "safetyMode",
                "frameImages", "positivePrompt");
    }

    @Test
    void estimateAndSubmitValidateToo() {
        assertThatThrownBy(() -> template.sendBody("seedance:estimate?duration=99", PROMPT))
                .isInstanceOf(CamelExecutionException.class).cause().isInstanceOf(RunwareValidationException.class);
        assertThatThrownBy(() -> template.sendBody("seedance:submit?duration=99", PROMPT))
                .isInstanceOf(CamelExecutionException.class).cause().isInstanceOf(RunwareValidationException.class);
        assertThat(SIMULATOR.requests().all()).isEmpty();
    }
}
