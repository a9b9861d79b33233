package io.github.camelseedance.runware.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.rules.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoInferenceRequestTest {

    private static final String UUID = "3b241101-e2bb-4255-8caf-4136c566a962";

    @Test
    void minimalTaskCarriesOnlyWhatIsSet() {
        Map<String, Object> task = VideoInferenceRequest.builder().set("taskUUID", UUID).set("positivePrompt", "a cat")
                .build()
                .toTask();

        assertThat(task).containsExactly(Map.entry("taskType", "videoInference"), Map.entry("taskUUID", UUID),
                Map.entry("model", "bytedance:seedance@2.0-mini"), Map.entry("positivePrompt", "a cat"));
    }

    @Test
    void nestsSettingsSafetyAndInputs() {
        VideoInferenceRequest request = VideoInferenceRequest.builder().set("taskUUID", UUID)
                .set("positivePrompt", "a cat")
                .set("width", 1280).set("height", 720).set("duration", 8).set("numberResults", 2)
                .set("outputType", "URL").set("outputFormat", "MOV")
                .set("outputQuality", 90).set("webhookURL", "https://hook").set("deliveryMethod", "async")
                .set("uploadEndpoint", "https://up")
                .set("ttl", 120).set("includeCost", true).set("audio", false).set("safetyCheckContent", true)
                .set("safetyMode", "fast")
                .set("referenceImages", List.of("r1")).set("referenceVideos", List.of("v1"))
                .set("referenceAudios", List.of("a1"))
                .build();

        Map<String, Object> task = request.toTask();

        assertThat(task).containsEntry("width", 1280).containsEntry("height", 720).containsEntry("duration", 8)
                .containsEntry("numberResults", 2).containsEntry("outputType", "URL")
                .containsEntry("outputFormat", "MOV")
                .containsEntry("outputQuality", 90).containsEntry("webhookURL", "https://hook")
                .containsEntry("deliveryMethod", "async").containsEntry("uploadEndpoint", "https://up")
                .containsEntry("ttl", 120).containsEntry("includeCost", true)
                .containsEntry("settings", Map.of("audio", false))
                .containsEntry("safety", Map.of("checkContent", true, "mode", "fast"))
                .containsEntry("inputs", Map.of("referenceImages", List.of("r1"), "referenceVideos", List.of("v1"),
                        "referenceAudios", List.of("a1")))
                .doesNotContainKeys("audio", "safetyMode", "safetyCheckContent", "referenceImages", "resolution");
        assertThat(request.expectedResults()).isEqualTo(2);
    }

    @Test
    void frameImagesAreStringsOrObjectsWithNumericFrameIndexes() {
        VideoInferenceRequest request = VideoInferenceRequest.builder().set("taskUUID", UUID)
                .set("frameImages", List.of(
                        FrameImage.of("plain"), new FrameImage("a", "first"), new FrameImage("b", "-1"),
                        new FrameImage("c", "0"), new FrameImage("d", "last")))
                .build();

        assertThat(request.toTask().get("inputs")).isEqualTo(Map.of("frameImages",
                List.of("plain", Map.of("image", "a", "frame", "first"), Map.of("image", "b", "frame", -1),
                        Map.of("image", "c", "frame", 0), Map.of("image", "d", "frame", "last"))));
    }

    @Test
    void builderGeneratesAVersion4UuidAndDefaultModel() {
        VideoInferenceRequest request = VideoInferenceRequest.builder().build();

        assertThat(request.taskUUID()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(request.model()).isEqualTo("bytedance:seedance@2.0-mini");
        assertThat(request.expectedResults()).isEqualTo(1);
        assertThat(VideoInferenceRequest.builder().build().taskUUID()).isNotEqualTo(request.taskUUID());
    }

    @Test
    void toBuilderKeepsEverythingIncludingTheUuid() {
        VideoInferenceRequest request = VideoInferenceRequest.builder().set("positivePrompt", "p").set("audio", true)
                .set("safetyMode", "none").set("frameImages", List.of(new FrameImage("x", "last")))
                .set("referenceAudios", List.of("a"))
                .build();

        assertThat(request.toBuilder().build()).isEqualTo(request).hasSameHashCodeAs(request);
        assertThat(request.toBuilder().set("duration", 6).build().toTask()).containsEntry("duration", 6)
                .containsEntry("taskUUID", request.taskUUID());
    }

    @Test
    void emptyListsCountAsNotSet() {
        VideoInferenceRequest request = VideoInferenceRequest.builder().set("referenceImages", List.of()).build();

        assertThat(request.inputs().referenceImages()).isNull();
        assertThat(request.toTask()).doesNotContainKey("inputs");
    }

    @Test
    void fromMapReadsTheNestedForm() {
        VideoInferenceRequest original = VideoInferenceRequest.builder().set("taskUUID", UUID)
                .set("positivePrompt", "a cat")
                .set("resolution", "480p").set("duration", 5).set("audio", true).set("safetyCheckContent", false)
                .set("safetyMode", "full")
                .set("frameImages", List.of(FrameImage.of("u"), new FrameImage("v", "-1"))).set("includeCost", true)
                .build();

        assertThat(VideoInferenceRequest.of(original.toTask())).isEqualTo(original);
    }

    @Test
    void fromMapReadsFlatAndDottedNamesAndStringValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("taskUUID", UUID);
        map.put("positivePrompt", "a dog");
        map.put("width", "864");
        map.put("height", 496L);
        map.put("duration", 6.0);
        map.put("numberResults", "2");
        map.put("audio", "false");
        map.put("safetyCheckContent", true);
        map.put("safety.mode", "fast");
        map.put("referenceImages", "https://example.com/only.png");
        map.put("inputs.referenceAudios", List.of("s1", "s2"));
        map.put("includeCost", null);

        VideoInferenceRequest request = VideoInferenceRequest.of(map);

        assertThat(request.width()).isEqualTo(864);
        assertThat(request.height()).isEqualTo(496);
        assertThat(request.duration()).isEqualTo(6);
        assertThat(request.numberResults()).isEqualTo(2);
        assertThat(request.settings().audio()).isFalse();
        assertThat(request.safety().checkContent()).isTrue();
        assertThat(request.safety().mode()).isEqualTo("fast");
        assertThat(request.inputs().referenceImages()).containsExactly("https://example.com/only.png");
        assertThat(request.inputs().referenceAudios()).containsExactly("s1", "s2");
        assertThat(request.includeCost()).isNull();
    }

    @Test
    void fromMapReadsFrameImagesInEveryForm() {
        VideoInferenceRequest request = VideoInferenceRequest.of(Map.of("frameImages", List.of("a",
                Map.of("image", "b", "frame", -1), new FrameImage("c", "first"))));

        assertThat(request.inputs().frameImages()).containsExactly(FrameImage.of("a"), new FrameImage("b", "-1"),
                new FrameImage("c", "first"));
    }

    @Test
    void fromMapRejectsUnknownKeysAndMistypedValuesAllAtOnce() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("positivePrompt", "a cat");
        map.put("seed", 42);
        map.put("settings", Map.of("fps", 24));
        map.put("duration", "five");
        map.put("width", 12.5);
        map.put("audio", "yes");

        assertThatThrownBy(() -> VideoInferenceRequest.of(map))
                .isInstanceOfSatisfying(RunwareValidationException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::code).containsExactly("unknownParameter",
                            "unknownParameter", "invalidParameterValue", "invalidParameterValue",
                            "invalidParameterValue");
                    assertThat(e.violations()).extracting(Violation::parameters).containsExactly(List.of("seed"),
                            List.of("settings.fps"), List.of("duration"), List.of("width"), List.of("audio"));
                    assertThat(e.getMessage()).contains("'seed'").contains("five");
                    assertThat(e.code()).isEqualTo("unknownParameter");
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void fromMapRejectsAnotherTaskType() {
        assertThatThrownBy(() -> VideoInferenceRequest.of(Map.of("taskType", "imageInference")))
                .isInstanceOf(RunwareValidationException.class).hasMessageContaining("taskType");
    }

    @Test
    void toStringShortensLongValues() {
        VideoInferenceRequest request = VideoInferenceRequest.builder()
                .set("referenceImages", List.of("data:image/png;base64," + "A".repeat(100_000))).build();

        assertThat(request.toString()).hasSizeLessThan(500).contains("100022 chars");
    }
}
