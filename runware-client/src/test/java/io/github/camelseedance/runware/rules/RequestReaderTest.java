package io.github.camelseedance.runware.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.model.FrameImage;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request reader: names and types from the request record, every problem at once, absent = not sent. */
class RequestReaderTest {

    @Test
    void namesComeFromTheRecordIncludingNestedAliases() {
        assertThat(RequestReader.parameterNames()).contains("taskUUID", "model", "positivePrompt", "duration",
                "includeCost", "audio", "safetyCheckContent", "safetyMode", "frameImages", "referenceImages",
                "referenceVideos", "referenceAudios");
        assertThat(RequestReader.flatName("safety.mode")).isEqualTo("safetyMode");
        assertThat(RequestReader.flatName("settings.audio")).isEqualTo("audio");
        assertThat(RequestReader.flatName("inputs.frameImages")).isEqualTo("frameImages");
    }

    @Test
    void emptyNestedObjectsAreNotSentAndTheModelDefaults() {
        Map<String, Object> task = VideoInferenceRequest.of(Map.of("positivePrompt", "a fox")).toTask();

        assertThat(task).containsOnlyKeys("taskType", "taskUUID", "model", "positivePrompt");
        assertThat(task.get("model")).isEqualTo(VideoInferenceRequest.DEFAULT_MODEL);
        assertThat(task.get("taskType")).isEqualTo("videoInference");
    }

    @Test
    void wholeDecimalsAreIntegersAndSingleValuesAreLists() {
        VideoInferenceRequest request = VideoInferenceRequest.of(Map.of("duration", "6.0", "width", 1280.0,
                "referenceImages", "https://example.com/a.png", "frameImages", Map.of("image", "u", "frame", -1)));

        assertThat(request.duration()).isEqualTo(6);
        assertThat(request.width()).isEqualTo(1280);
        assertThat(request.inputs().referenceImages()).containsExactly("https://example.com/a.png");
        assertThat(request.inputs().frameImages()).containsExactly(new FrameImage("u", "-1"));
        assertThat(request.toTask()).extractingByKey("inputs").asString().contains("frame=-1");
    }

    @Test
    void everyUnknownNameAndMistypedValueIsReportedAtOnce() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("duration", 6.5);
        map.put("audio", "yes");
        map.put("frameImages", List.of(42));
        map.put("colour", "red");
        map.put("taskType", "imageInference");

        assertThatThrownBy(() -> VideoInferenceRequest.of(map)).isInstanceOfSatisfying(RunwareValidationException.class,
                e -> {
                    assertThat(e.violations()).extracting(v -> v.parameters().get(0))
                            .containsExactly("duration", "audio", "frameImages", "colour", "taskType");
                    assertThat(e.violations()).extracting(Violation::allowed).contains("an integer", "true or false",
                            "a list of images (strings or objects {image, frame})", "videoInference");
                    assertThat(e.violations().get(3).code()).isEqualTo("unknownParameter");
                });
    }

    @Test
    void withChangesOneParameterAndKeepsTheRest() {
        VideoInferenceRequest request = VideoInferenceRequest.builder().set("positivePrompt", "a fox")
                .set("safetyMode", "fast").set("settings.audio", false).build();

        VideoInferenceRequest changed = request.with("duration", 8);

        assertThat(changed.taskUUID()).isEqualTo(request.taskUUID());
        assertThat(changed.duration()).isEqualTo(8);
        assertThat(changed.safety().mode()).isEqualTo("fast");
        assertThat(changed.settings().audio()).isFalse();
        assertThat(changed.with("duration", null)).isEqualTo(request);
    }
}
