package io.github.camelseedance.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class VideoInferenceValidationTest {

    static final String URL = "https://example.com/frame.png";
    static final String UNKNOWN_UUID = "0b7c1a52-5f3e-4c1e-9a7b-2f6d8e9c0a11";

    static RunwareSimulator sim;
    static TestApi api;

    @BeforeAll
    static void start() {
        sim = RunwareSimulator.builder().renderTime(Duration.ofSeconds(30)).syntheticVideos(10).build().start();
        api = new TestApi(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static Map<String, Object> t(Object... keyValues) {
        return TestApi.with(TestApi.videoTask(), keyValues);
    }

    /** A task without width/height, with these inputs. */
    static Map<String, Object> inputs(Map<String, Object> inputs, Object... keyValues) {
        return TestApi.with(t("width", null, "height", null, "inputs", inputs), keyValues);
    }

    static Stream<Arguments> invalidTasks() {
        return Stream.of(
                arguments("taskUUID missing", t("taskUUID", null), "missingTaskUUID", "taskUUID"),
                arguments("taskUUID not a uuid", t("taskUUID", "abc"), "invalidTaskUUID", "taskUUID"),
                arguments("taskUUID v1", t("taskUUID", "a8098c1a-f86e-11da-bd1a-00112444be1e"), "invalidTaskUUID",
                        "taskUUID"),
                arguments("model missing", t("model", null), "missingModel", "model"),
                arguments("model unknown", t("model", "bytedance:seedance@9"), "modelNotFound", "model"),
                arguments("prompt missing", t("positivePrompt", null), "missingPositivePrompt", "positivePrompt"),
                arguments("prompt too short", t("positivePrompt", "a"), "invalidPositivePromptLength",
                        "positivePrompt"),
                arguments("prompt too long", t("positivePrompt", "x".repeat(10_001)), "invalidPositivePromptLength",
                        "positivePrompt"),
                arguments("prompt not a string", t("positivePrompt", 42), "invalidPositivePrompt", "positivePrompt"),
                arguments("duration below 4", t("duration", 3), "invalidDuration", "duration"),
                arguments("duration above 15", t("duration", 16), "invalidDuration", "duration"),
                arguments("duration not integer", t("duration", 5.5), "invalidDuration", "duration"),
                arguments("numberResults 0", t("numberResults", 0), "invalidNumberResults", "numberResults"),
                arguments("numberResults 5", t("numberResults", 5), "invalidNumberResults", "numberResults"),
                arguments("outputType base64", t("outputType", "base64Data"), "invalidOutputType", "outputType"),
                arguments("outputFormat GIF", t("outputFormat", "GIF"), "invalidOutputFormat", "outputFormat"),
                arguments("outputQuality 19", t("outputQuality", 19), "invalidOutputQuality", "outputQuality"),
                arguments("outputQuality 100", t("outputQuality", 100), "invalidOutputQuality", "outputQuality"),
                arguments("deliveryMethod sync", t("deliveryMethod", "sync"), "invalidDeliveryMethod",
                        "deliveryMethod"),
                arguments("webhookURL not a URL", t("webhookURL", "not a url"), "invalidWebhookURL", "webhookURL"),
                arguments("uploadEndpoint ftp", t("uploadEndpoint", "ftp://host/x"), "invalidUploadEndpoint",
                        "uploadEndpoint"),
                arguments("ttl below 60", t("ttl", 59), "invalidTtl", "ttl"),
                arguments("includeCost not boolean", t("includeCost", "yes"), "invalidIncludeCost", "includeCost"),
                arguments("safety not an object", t("safety", "on"), "invalidSafety", "safety"),
                arguments("safety.mode unknown", t("safety", Map.of("mode", "strict")), "invalidSafetyMode",
                        "safety.mode"),
                arguments("safety.checkContent not boolean", t("safety", Map.of("checkContent", "yes")),
                        "invalidSafetyCheckContent", "safety.checkContent"),
                arguments("safety unknown field", t("safety", Map.of("level", 1)), "unknownParameter", "safety.level"),
                arguments("settings.audio not boolean", t("settings", Map.of("audio", "yes")), "invalidSettingsAudio",
                        "settings.audio"),
                arguments("settings unknown field", t("settings", Map.of("fps", 24)), "unknownParameter",
                        "settings.fps"),
                arguments("seed is not a 2.x parameter", t("seed", 1), "unknownParameter", "seed"),
                arguments("providerSettings unknown", t("providerSettings", Map.of()), "unknownParameter",
                        "providerSettings"),
                arguments("width without height", t("height", null), "missingDimensionParameters",
                        List.of("width", "height")),
                arguments("height without width", t("width", null), "missingDimensionParameters",
                        List.of("width", "height")),
                arguments("no size and no frame images", t("width", null, "height", null), "missingDimensionParameters",
                        List.of("width", "height")),
                arguments("width not an integer", t("width", "864"), "invalidWidth", "width"),
                arguments("width not in the size table", t("width", 1000, "height", 496), "invalidWidth", "width"),
                arguments("height not in the size table", t("width", 864, "height", 500), "invalidHeight", "height"),
                arguments("width and height from different sizes", t("width", 864, "height", 720), "invalidDimensions",
                        List.of("width", "height")),
                arguments("1080p size on mini", t("width", 1920, "height", 1080), "invalidWidth", "width"),
                arguments("resolution with width/height", t("resolution", "480p"), "conflictingParameters",
                        List.of("resolution", "width", "height")),
                arguments("resolution without frame images", t("width", null, "height", null, "resolution", "480p"),
                        "missingDimensionParameters", List.of("width", "height")),
                arguments("resolution unknown", t("resolution", "8k"), "invalidResolution", "resolution"),
                arguments("1080p resolution on mini",
                        inputs(Map.of("frameImages", List.of(URL)), "resolution", "1080p"), "invalidResolution",
                        "resolution"),
                arguments("frame images with width/height",
                        TestApi.with(t("inputs", Map.of("frameImages", List.of(URL)))), "conflictingParameters",
                        List.of("inputs.frameImages", "width", "height")),
                arguments("frame images with reference images",
                        inputs(Map.of("frameImages", List.of(URL), "referenceImages", List.of(URL))),
                        "conflictingParameters", List.of("inputs.frameImages", "inputs.referenceImages")),
                arguments("frame images with reference audios",
                        inputs(Map.of("frameImages", List.of(URL), "referenceAudios",
                                List.of("https://example.com/a.mp3"))),
                        "conflictingParameters", List.of("inputs.frameImages", "inputs.referenceAudios")),
                arguments("3 frame images", inputs(Map.of("frameImages", List.of(URL, URL, URL))), "invalidFrameImages",
                        "inputs.frameImages"),
                arguments("0 frame images", inputs(Map.of("frameImages", List.of())), "invalidFrameImages",
                        "inputs.frameImages"),
                arguments("10 reference images", t("inputs", Map.of("referenceImages", Collections.nCopies(10, URL))),
                        "invalidReferenceImages", "inputs.referenceImages"),
                arguments("4 reference videos",
                        t("inputs", Map.of("referenceVideos", Collections.nCopies(4, "https://example.com/v.mp4"))),
                        "invalidReferenceVideos", "inputs.referenceVideos"),
                arguments("4 reference audios",
                        t("inputs", Map.of("referenceAudios", Collections.nCopies(4, "https://example.com/a.mp3"))),
                        "invalidReferenceAudios", "inputs.referenceAudios"),
                arguments("reference video as base64",
                        t("inputs", Map.of("referenceVideos", List.of("AAAAGGZ0eXBtcDQy"))), "invalidReferenceVideos",
                        "inputs.referenceVideos"),
                arguments("reference image that is no media",
                        t("inputs", Map.of("referenceImages", List.of("not a thing!"))), "invalidReferenceImages",
                        "inputs.referenceImages"),
                arguments("inputs unknown field", t("inputs", Map.of("maskImage", URL)), "unknownParameter",
                        "inputs.maskImage"),
                arguments("inputs not an object", t("inputs", List.of(URL)), "invalidInputs", "inputs"),
                arguments("frame value unknown",
                        inputs(Map.of("frameImages", List.of(Map.of("image", URL, "frame", "middle")))),
                        "invalidFrameImagesFrame", "inputs.frameImages[0].frame"),
                arguments("frame value 1", inputs(Map.of("frameImages", List.of(Map.of("image", URL, "frame", 1)))),
                        "invalidFrameImagesFrame", "inputs.frameImages[0].frame"),
                arguments("frame object without image",
                        inputs(Map.of("frameImages", List.of(Map.of("frame", "first")))), "missingFrameImagesImage",
                        "inputs.frameImages[0].image"),
                arguments("frame object unknown field",
                        inputs(Map.of("frameImages", List.of(Map.of("image", URL, "weight", 1)))), "unknownParameter",
                        "inputs.frameImages[0].weight"),
                arguments("two first frames",
                        inputs(Map.of("frameImages",
                                List.of(Map.of("image", URL, "frame", "first"), Map.of("image", URL, "frame", 0)))),
                        "conflictingParameters", List.of("inputs.frameImages[0]", "inputs.frameImages[1]")),
                arguments("unknown media uuid", t("inputs", Map.of("referenceImages", List.of(UNKNOWN_UUID))),
                        "mediaNotFound", "inputs.referenceImages"),
                arguments("unknown frame media uuid",
                        inputs(Map.of("frameImages", List.of(Map.of("image", UNKNOWN_UUID)))), "mediaNotFound",
                        "inputs.frameImages[0].image"),
                arguments("1080p size on 2.0-fast",
                        t("model", "bytedance:seedance@2.0-fast", "width", 1920, "height", 1080), "invalidWidth",
                        "width"),
                arguments("4k resolution on 2.0-fast", inputs(Map.of("frameImages", List.of(URL)), "model",
                        "bytedance:seedance@2.0-fast", "resolution", "4k"), "invalidResolution", "resolution"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTasks")
    void invalidTaskIsRejectedWithCodeAndParameter(String rule, Map<String, Object> task, String code,
                                                   Object parameter) {
        TestApi.Answer answer = api.submit(task);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).containsEntry("code", code).containsEntry("parameter", parameter)
                .containsEntry("taskType", "videoInference");
        assertThat((String) answer.error().get("message")).isNotBlank();
        if (task.get("taskUUID") instanceof String uuid) {
            assertThat(answer.error()).containsEntry("taskUUID", uuid);
            assertThat(sim.task(uuid)).isEmpty();
        }
    }

    static Stream<Arguments> validTasks() {
        return Stream.of(
                arguments("text to video 480p", t()),
                arguments("every optional parameter", t("width", 1280, "height", 720, "outputType", "URL",
                        "outputFormat", "WEBM", "outputQuality", 20, "deliveryMethod", "async", "ttl", 60,
                        "includeCost", true, "numberResults", 4, "duration", 15,
                        "webhookURL", "http://127.0.0.1:1/hook", "uploadEndpoint", "https://bucket.example.com/x.mp4",
                        "safety", Map.of("checkContent", true, "mode", "full"), "settings", Map.of("audio", false))),
                arguments("21:9 at 720p", t("width", 1470, "height", 630)),
                arguments("frame images as strings",
                        inputs(Map.of("frameImages", List.of(URL, URL)), "resolution", "480p")),
                arguments("frame images first/last",
                        inputs(Map.of("frameImages",
                                List.of(Map.of("image", URL, "frame", "last"),
                                        Map.of("image", URL, "frame", "first"))))),
                arguments("frame images 0/-1",
                        inputs(Map.of("frameImages",
                                List.of(Map.of("image", URL, "frame", 0), Map.of("image", URL, "frame", -1))))),
                arguments("frame image as data URI",
                        inputs(Map.of("frameImages", List.of("data:image/png;base64,iVBORw0KGgo=")))),
                arguments("frame image as base64",
                        inputs(Map.of("frameImages", List.of(Map.of("image", "iVBORw0KGgoAAAANSUhEUg=="))))),
                arguments("references with size", t("inputs", Map.of("referenceImages", Collections.nCopies(9, URL),
                        "referenceVideos", Collections.nCopies(3, "https://example.com/v.mp4"),
                        "referenceAudios", Collections.nCopies(3, "https://example.com/a.mp3")))),
                arguments("2.0 at 1080p size", t("model", "bytedance:seedance@2.0", "width", 1920, "height", 1080)),
                arguments("2.0 at 4k size", t("model", "bytedance:seedance@2.0", "width", 4412, "height", 1892)),
                arguments("2.0 frame images at 4k",
                        inputs(Map.of("frameImages", List.of(URL)), "model", "bytedance:seedance@2.0", "resolution",
                                "4k")),
                arguments("2.0-fast at 720p", t("model", "bytedance:seedance@2.0-fast", "width", 720, "height", 1280)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validTasks")
    void validTaskIsAccepted(String rule, Map<String, Object> task) {
        TestApi.Answer answer = api.submit(task);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.data()).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("taskUUID", task.get("taskUUID")));
        assertThat(sim.task((String) task.get("taskUUID"))).get().extracting(SimulatedTask::state)
                .isEqualTo("processing");
    }

    @Test
    void enumErrorsCarryAllowedValues() {
        assertThat(api.submit(t("outputFormat", "GIF")).error())
                .containsEntry("allowedValues", List.of("MP4", "WEBM", "MOV"));
        assertThat(api.submit(t("safety", Map.of("mode", "strict"))).error())
                .containsEntry("allowedValues", List.of("none", "fast", "full"));
        assertThat(api.submit(inputs(Map.of("frameImages", List.of(URL)), "resolution", "4k")).error())
                .containsEntry("allowedValues", List.of("480p", "720p"));
        assertThat(api.submit(inputs(Map.of("frameImages", List.of(Map.of("image", URL, "frame", "x"))))).error())
                .containsEntry("allowedValues", List.of("first", "last", 0, -1));
        assertThat(api.submit(t("model", "x")).error().get("allowedValues")).asList()
                .contains("bytedance:seedance@2.0-mini", "bytedance:seedance@2.0", "bytedance:seedance@2.0-fast");
    }

    @Test
    void sizeErrorsNameTheDimensionAndListTheModelsValues() {
        Map<String, Object> width = api.submit(t("width", 1000, "height", 496)).error();
        assertThat(width).containsEntry("code", "invalidWidth").containsEntry("type", "integer")
                .containsEntry("min", 496).containsEntry("max", 1470);
        assertThat(width.get("allowedValues")).asList().contains(864, 1470).doesNotContain(1920);
        assertThat((String) width.get("message")).contains("width", "1000", "864");

        Map<String, Object> pair = api.submit(t("width", 864, "height", 720)).error();
        assertThat(pair).containsEntry("code", "invalidDimensions").containsEntry("parameter",
                List.of("width", "height"));
        assertThat(pair.get("allowedValues")).asList().hasSize(12).contains("864x496", "1470x630")
                .doesNotContain("1920x1080");
        assertThat((String) pair.get("message")).contains("864x720", "864x496");
        Map<String, Object> full = api.submit(t("model", "bytedance:seedance@2.0", "width", 864, "height", 720))
                .error();
        assertThat(full.get("allowedValues")).asList().hasSize(24).contains("1920x1080", "3840x2160");
    }

    @Test
    void errorsCarryTheParametersJsonType() {
        assertThat(api.submit(t("duration", "five")).error()).containsEntry("code", "invalidDuration")
                .containsEntry("type", "integer").containsEntry("min", 4).containsEntry("max", 15);
        assertThat(api.submit(t("positivePrompt", 42)).error()).containsEntry("type", "string");
        assertThat(api.submit(t("positivePrompt", "a")).error()).containsEntry("type", "string")
                .containsEntry("min", 2).containsEntry("max", 10_000);
        assertThat(api.submit(t("includeCost", "yes")).error()).containsEntry("type", "boolean");
        assertThat(api.submit(t("settings", "on")).error()).containsEntry("type", "object");
        assertThat(api.submit(t("inputs", Map.of("referenceImages", URL))).error())
                .containsEntry("code", "invalidReferenceImages").containsEntry("type", "array");
        assertThat(api.submit(t("outputFormat", "GIF")).error()).containsEntry("type", "string");
    }

    @Test
    void rangeErrorsCarryMinAndMaxAndNameTheValue() {
        Map<String, Object> duration = api.submit(t("duration", 20)).error();
        assertThat(duration).containsEntry("min", 4).containsEntry("max", 15);
        assertThat((String) duration.get("message")).contains("duration", "20", "4", "15");
        assertThat(api.submit(t("numberResults", 9)).error()).containsEntry("min", 1).containsEntry("max", 4);
        assertThat(api.submit(t("outputQuality", 5)).error()).containsEntry("min", 20).containsEntry("max", 99);
        assertThat(api.submit(t("ttl", 1)).error()).containsEntry("min", 60).doesNotContainKey("max");
        assertThat(api.submit(t("positivePrompt", "a")).error()).containsEntry("min", 2).containsEntry("max", 10_000);
        assertThat(api.submit(t("inputs", Map.of("referenceImages", Collections.nCopies(10, URL)))).error())
                .containsEntry("min", 1).containsEntry("max", 9).containsEntry("type", "array");
    }
}
