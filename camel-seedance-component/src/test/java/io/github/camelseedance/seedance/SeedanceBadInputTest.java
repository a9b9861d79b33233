package io.github.camelseedance.seedance;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.camelseedance.runware.error.RunwareValidationException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bad input that once reached the API (and was billed) is refused before any request: each by a
 * RunwareValidationException whose violation names the option or header, the value given and what is allowed.
 */
class SeedanceBadInputTest extends SeedanceTestSupport {

    private static final String PROMPT = "A fox in the snow";
    private static final byte[] NOT_AN_IMAGE = "just some text, no picture".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MP4 = { 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 0 };

    @TempDir
    static Path folder;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:keyed").to("seedance:generate?idempotencyKey=${header.orderId}");
            }
        };
    }

    /** Where the exchange goes, how it is set up, the parameter the violation names, the value it shows. */
    static Stream<Arguments> badInputs() throws Exception {
        Path textNamedPng = Files.writeString(folder.resolve("notes.png"), "shopping list: eggs, milk");
        return Stream.of(
                arguments("blank prompt header", "seedance:generate", headers(
                        SeedanceConstants.POSITIVE_PROMPT, "   \t  "), SeedanceConstants.POSITIVE_PROMPT, "\\u0009"),
                arguments("control-character prompt header", "seedance:generate", headers(
                        SeedanceConstants.POSITIVE_PROMPT, "\u0001\u0002\u0003"), SeedanceConstants.POSITIVE_PROMPT,
                        "\\u0001"),
                arguments("frame image bytes that are not an image", "seedance:generate", headers(
                        SeedanceConstants.FIRST_FRAME_IMAGE, NOT_AN_IMAGE), SeedanceConstants.FIRST_FRAME_IMAGE,
                        "not an image"),
                arguments("a text file named .png", "seedance:generate", headers(
                        SeedanceConstants.REFERENCE_IMAGES, textNamedPng.toFile()), SeedanceConstants.REFERENCE_IMAGES,
                        "notes.png"),
                arguments("reference video bytes", "seedance:generate", headers(
                        SeedanceConstants.REFERENCE_VIDEOS, MP4), SeedanceConstants.REFERENCE_VIDEOS, "bytes"),
                arguments("a reference audio file", "seedance:generate", headers(
                        SeedanceConstants.REFERENCE_AUDIOS, new File("song.mp3")), SeedanceConstants.REFERENCE_AUDIOS,
                        "song.mp3"),
                arguments("waitTimeout header abc", "seedance:generate", headers(
                        SeedanceConstants.WAIT_TIMEOUT, "abc"), SeedanceConstants.WAIT_TIMEOUT, "abc"),
                arguments("waitTimeout header 0", "seedance:generate", headers(
                        SeedanceConstants.WAIT_TIMEOUT, "0"), SeedanceConstants.WAIT_TIMEOUT, "0"),
                arguments("waitTimeout option abc", "seedance:generate?waitTimeout=abc", headers(),
                        "waitTimeout", "abc"),
                arguments("waitTimeout option 0", "seedance:generate?waitTimeout=0", headers(), "waitTimeout", "0"),
                arguments("downloadVideo header yes", "seedance:generate", headers(
                        SeedanceConstants.DOWNLOAD_VIDEO, "yes"), SeedanceConstants.DOWNLOAD_VIDEO, "yes"),
                arguments("idempotency key that is empty", "direct:keyed", headers("orderId", ""),
                        "idempotencyKey", "${header.orderId}"),
                arguments("idempotency key header that is blank", "seedance:submit", headers(
                        SeedanceConstants.IDEMPOTENCY_KEY, " "), SeedanceConstants.IDEMPOTENCY_KEY, " "),
                arguments("status of a task UUID that is not one", "seedance:status", headers(
                        SeedanceConstants.TASK_UUID, "order-42"), SeedanceConstants.TASK_UUID, "order-42"),
                arguments("download of a task UUID that is not one", "seedance:download", headers(
                        SeedanceConstants.TASK_UUID, "order-42"), SeedanceConstants.TASK_UUID, "order-42"),
                arguments("pollInterval 0", "seedance:generate?pollInterval=0", headers(), "pollInterval", "0"),
                arguments("pollMultiplier header 0.5", "seedance:generate", headers(
                        SeedanceConstants.POLL_MULTIPLIER, 0.5), SeedanceConstants.POLL_MULTIPLIER, "0.5"),
                arguments("initialPollDelay header -5", "seedance:generate", headers(
                        SeedanceConstants.INITIAL_POLL_DELAY, -5), SeedanceConstants.INITIAL_POLL_DELAY, "-5"),
                arguments("unknown model", "seedance:generate?model=bytedance:seedance@9.9", headers(), "model",
                        "bytedance:seedance@9.9"),
                arguments("media header of no media type", "seedance:generate", headers(
                        SeedanceConstants.REFERENCE_IMAGES, new Object()), SeedanceConstants.REFERENCE_IMAGES,
                        "java.lang.Object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedBeforeAnyRequestNamingWhatIsWrong(String what, String uri, Consumer<Exchange> setUp,
                                                            String parameter, String value) {
        Throwable failure;
        try {
            failure = template.send(uri, e -> {
                e.getMessage().setBody(PROMPT);
                setUp.accept(e);
            }).getException();
        } catch (RuntimeException e) {
            // an endpoint whose options are wrong fails to be created or to start
            failure = e;
        }

        RunwareValidationException refused = validationIn(failure);
        assertThat(refused).as(what + ": " + failure).isNotNull();
        assertThat(refused.violations()).as(what).anySatisfy(violation -> {
            assertThat(violation.parameters()).contains(parameter);
            assertThat(violation.message()).contains(parameter).contains(value);
            assertThat(violation.allowed()).isNotBlank();
        });
        assertThat(SIMULATOR.requests().all()).as(what).isEmpty();
    }

    private static RunwareValidationException validationIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RunwareValidationException validation) {
                return validation;
            }
        }
        return null;
    }

    private static Consumer<Exchange> headers(Object... namesAndValues) {
        return exchange -> {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                exchange.getMessage().setHeader((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        };
    }
}
