package io.github.camelseedance.seedance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every option and header lands in the right place of the request JSON (asserted on what the simulator received).
 */
class SeedanceRequestMappingTest extends SeedanceTestSupport {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13 };
    private static final String PROMPT = "A fox in the snow";

    @TempDir
    Path folder;

    /** One option at a time: a reference audio alone breaks a ByteDance-side rule, switched off here. */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("seedance", SeedanceComponent.class).setProviderRules(false);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").to("seedance:submit");
            }
        };
    }

    /** option name, value in the URI/header, path in the request JSON, expected JSON value. */
    static Stream<Arguments> options() {
        return Stream.of(
                arguments("positivePrompt", "A quiet harbour", "positivePrompt", "A quiet harbour"),
                arguments("model", "bytedance:seedance@2.0-fast", "model", "bytedance:seedance@2.0-fast"),
                arguments("duration", "12", "duration", 12),
                arguments("numberResults", "2", "numberResults", 2),
                arguments("outputType", "URL", "outputType", "URL"),
                arguments("outputFormat", "WEBM", "outputFormat", "WEBM"),
                arguments("outputQuality", "80", "outputQuality", 80),
                arguments("webhookURL", "http://127.0.0.1:9/hook?token=x", "webhookURL",
                        "http://127.0.0.1:9/hook?token=x"),
                arguments("deliveryMethod", "async", "deliveryMethod", "async"),
                arguments("uploadEndpoint", "http://127.0.0.1:9/put/v.mp4", "uploadEndpoint",
                        "http://127.0.0.1:9/put/v.mp4"),
                arguments("ttl", "600", "ttl", 600),
                arguments("includeCost", "true", "includeCost", true),
                arguments("audio", "false", "settings.audio", false),
                arguments("safetyCheckContent", "true", "safety.checkContent", true),
                arguments("safetyMode", "full", "safety.mode", "full"),
                arguments("referenceImages", "https://example.com/a.png,https://example.com/b.png",
                        "inputs.referenceImages", List.of("https://example.com/a.png", "https://example.com/b.png")),
                arguments("referenceVideos", "https://example.com/a.mp4", "inputs.referenceVideos",
                        List.of("https://example.com/a.mp4")),
                arguments("referenceAudios", "https://example.com/a.mp3", "inputs.referenceAudios",
                        List.of("https://example.com/a.mp3")));
    }

    @ParameterizedTest(name = "option {0}")
    @MethodSource("options")
    void uriOptionLandsInTheRequest(String option, String value, String jsonPath, Object expected) {
        template.sendBody("seedance:submit?" + option + "=RAW(" + value + ")", PROMPT);

        assertThat(valueAt(lastVideoTask(), jsonPath)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "header for {0}")
    @MethodSource("options")
    void headerLandsInTheRequest(String option, String value, String jsonPath, Object expected) {
        template.sendBodyAndHeader("direct:submit", PROMPT, SeedanceConstants.headerFor(option), value);

        assertThat(valueAt(lastVideoTask(), jsonPath)).isEqualTo(expected);
    }

    @Test
    void headerWinsOverOptionAndOptionOverBody() {
        template.sendBodyAndHeader("seedance:submit?duration=6&positivePrompt=From the option", "From the body",
                SeedanceConstants.DURATION, 9);

        assertThat(lastVideoTask()).containsEntry("duration", 9).containsEntry("positivePrompt", "From the option");
    }

    @Test
    void sizeFollowsResolutionAndAspectRatio() {
        template.sendBody("seedance:submit?resolution=480p&aspectRatio=9:16", PROMPT);
        assertThat(lastVideoTask()).containsEntry("width", 496).containsEntry("height", 864)
                .doesNotContainKey("resolution");

        template.sendBodyAndHeader("direct:submit", PROMPT, SeedanceConstants.ASPECT_RATIO, "1:1");
        assertThat(lastVideoTask()).containsEntry("width", 960).containsEntry("height", 960);
    }

    @Test
    void explicitWidthAndHeightAreSentAsGiven() {
        template.sendBody("seedance:submit?width=752&height=560", PROMPT);

        assertThat(lastVideoTask()).containsEntry("width", 752).containsEntry("height", 560);
    }

    @Test
    void taskUUIDHeaderIsUsedForTheTask() {
        String uuid = "6f1c1a8e-2b7a-4c5e-9d3f-0a1b2c3d4e5f";
        String answered = template.requestBodyAndHeader("direct:submit", PROMPT, SeedanceConstants.TASK_UUID, uuid,
                String.class);

        assertThat(answered).isEqualTo(uuid);
        assertThat(lastVideoTask()).containsEntry("taskUUID", uuid);
    }

    @Test
    void mapBodyCarriesAWholeRequestInTheApiForm() {
        template.sendBody("direct:submit", Map.of(
                "positivePrompt", "From a map",
                "duration", 7,
                "settings", Map.of("audio", false),
                "safety", Map.of("checkContent", true, "mode", "fast")));

        Map<String, Object> task = lastVideoTask();
        assertThat(task).containsEntry("positivePrompt", "From a map").containsEntry("duration", 7);
        assertThat(nested(task, "settings")).containsEntry("audio", false);
        assertThat(nested(task, "safety")).containsEntry("checkContent", true).containsEntry("mode", "fast");
    }

    @Test
    void jsonBodyCarriesAWholeRequestWithOptionNames() {
        template.sendBody("direct:submit",
                "{\"positivePrompt\":\"From JSON\",\"numberResults\":2,\"aspectRatio\":\"4:3\",\"audio\":true}");

        Map<String, Object> task = lastVideoTask();
        assertThat(task).containsEntry("positivePrompt", "From JSON").containsEntry("numberResults", 2)
                .containsEntry("width", 1112).containsEntry("height", 834);
        assertThat(nested(task, "settings")).containsEntry("audio", true);
    }

    @Test
    void mediaInputsBecomeDataUrisWithTheirMimeType() throws Exception {
        Path jpeg = folder.resolve("style.jpg");
        Files.write(jpeg, new byte[]{ (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0 });

        template.send("direct:submit", exchange -> {
            exchange.getMessage().setBody(PROMPT);
            exchange.getMessage().setHeader(SeedanceConstants.REFERENCE_IMAGES, List.of(PNG, jpeg.toFile(), jpeg));
        });

        List<?> images = (List<?>) nested(lastVideoTask(), "inputs").get("referenceImages");
        assertThat(images).hasSize(3);
        assertThat((String) images.get(0)).startsWith("data:image/png;base64,");
        assertThat((String) images.get(1)).startsWith("data:image/jpeg;base64,");
        assertThat((String) images.get(2)).startsWith("data:image/jpeg;base64,");
    }

    @Test
    @SuppressWarnings("unchecked")
    void firstAndLastFrameHeadersMakeAnImageToVideoTask() {
        template.send("seedance:submit?resolution=480p", exchange -> {
            exchange.getMessage().setBody(PROMPT);
            exchange.getMessage().setHeader(SeedanceConstants.FIRST_FRAME_IMAGE, PNG);
            exchange.getMessage().setHeader(SeedanceConstants.LAST_FRAME_IMAGE, "https://example.com/last.png");
        });

        Map<String, Object> task = lastVideoTask();
        assertThat(task).containsEntry("resolution", "480p").doesNotContainKeys("width", "height");
        List<?> frames = (List<?>) nested(task, "inputs").get("frameImages");
        assertThat(frames).hasSize(2);
        assertThat((Map<String, Object>) frames.get(0)).containsEntry("frame", "first");
        assertThat((String) ((Map<?, ?>) frames.get(0)).get("image")).startsWith("data:image/png;base64,");
        assertThat((Map<String, Object>) frames.get(1)).containsEntry("frame", "last")
                .containsEntry("image", "https://example.com/last.png");
    }

    @Test
    @SuppressWarnings("unchecked")
    void frameImagesMayCarryTheirFrame() {
        template.sendBodyAndHeader("direct:submit", PROMPT, SeedanceConstants.FRAME_IMAGES,
                List.of(Map.of("image", "https://example.com/end.png", "frame", -1)));

        List<?> frames = (List<?>) nested(lastVideoTask(), "inputs").get("frameImages");
        assertThat((Map<String, Object>) frames.get(0)).containsEntry("frame", -1);
    }

    @SuppressWarnings("unchecked")
    private static Object valueAt(Map<String, Object> task, String path) {
        Object current = task;
        for (String key : path.split("\\.")) {
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }
}
