package io.github.camelseedance.examples.studio;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The studio end to end on a temporary folder, against a Runware simulator given as if it were the real API
 * ({@code RUNWARE_API_KEY} and {@code RUNWARE_BASE_URL}), with real (small) MP4s.
 */
class StudioTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300))
            .build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private StudioApp studio;
    private Path inbox;
    private Path outbox;
    private Path failed;

    @BeforeEach
    void startStudio() throws Exception {
        studio = new StudioApp(StudioOptions.defaults().withDirectory(dir).withSamples(false),
                Map.of("RUNWARE_API_KEY", SIM.apiKey(), "RUNWARE_BASE_URL", SIM.baseUrl()),
                Map.of("studio.pollDelay", "100", "studio.readLockCheckInterval", "100",
                        "camel.component.seedance.configuration.initial-poll-delay", "100",
                        "camel.component.seedance.configuration.poll-interval", "100",
                        "camel.component.seedance.configuration.max-poll-interval", "200"),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).start();
        inbox = dir.resolve("inbox");
        outbox = dir.resolve("outbox");
        failed = dir.resolve("failed");
    }

    @AfterEach
    void stopStudio() {
        studio.close();
    }

    @Test
    void textPromptBecomesAPlayableVideoWithASidecar() throws Exception {
        Files.writeString(inbox.resolve("cat.txt"), "A cat playing the piano in a jazz club\n");

        JsonNode sidecar = awaitSidecar("cat");

        assertThat(Mp4Check.assertPlayableMp4(outbox.resolve("cat.mp4"), 5)).isEqualTo(40);
        Map<String, Object> task = onlyVideoTask();
        assertThat(task).containsEntry("positivePrompt", "A cat playing the piano in a jazz club")
                .containsEntry("width", 864).containsEntry("height", 496).containsEntry("duration", 5)
                .containsEntry("includeCost", true).doesNotContainKey("resolution");
        assertThat(sidecar.get("taskUUID").asText()).isEqualTo(task.get("taskUUID"));
        assertThat(sidecar.get("video").asText()).isEqualTo("cat.mp4");
        assertThat(sidecar.get("seed").isIntegralNumber()).isTrue();
        assertThat(sidecar.get("cost").decimalValue()).isEqualByComparingTo(new BigDecimal("0.18"));
        assertThat(sidecar.get("prompt").asText()).isEqualTo("A cat playing the piano in a jazz club");
        assertThat(sidecar.get("options").get("resolution").asText()).isEqualTo("480p");
        assertThat(sidecar.get("options").get("duration").asInt()).isEqualTo(5);
        assertThat(sidecar.get("size").asLong()).isEqualTo(Files.size(outbox.resolve("cat.mp4")));
        assertThat(sidecar.get("input").asText()).isEqualTo("cat.txt");
        assertThat(inbox.resolve("cat.txt")).doesNotExist();
        assertThat(inbox.resolve(".done/cat.txt")).hasContent("A cat playing the piano in a jazz club\n");
        assertThat(studio.console().videosWritten()).containsExactly(outbox.resolve("cat.mp4").toAbsolutePath());
    }

    @Test
    void jsonFileIsAWholeRequestWithItsOptions() throws Exception {
        Files.writeString(inbox.resolve("boat.json"), """
                {"positivePrompt": "A paper boat on a river", "duration": 4, "aspectRatio": "1:1", "audio": false}
                """);

        JsonNode sidecar = awaitSidecar("boat");

        Mp4Check.assertPlayableMp4(outbox.resolve("boat.mp4"), 4);
        Map<String, Object> task = onlyVideoTask();
        assertThat(task).containsEntry("positivePrompt", "A paper boat on a river").containsEntry("duration", 4)
                .containsEntry("width", 640).containsEntry("height", 640)
                .containsEntry("settings", Map.of("audio", false));
        assertThat(sidecar.get("options").get("aspectRatio").asText()).isEqualTo("1:1");
        assertThat(sidecar.get("options").get("audio").asBoolean()).isFalse();
        assertThat(sidecar.get("cost").decimalValue()).isEqualByComparingTo(new BigDecimal("0.144"));
        assertThat(inbox.resolve(".done/boat.json")).exists();
    }

    @Test
    void jsonRequestWithItsOwnSizeKeepsIt() throws Exception {
        Files.writeString(inbox.resolve("wide.json"),
                "{\"positivePrompt\": \"A wide desert road\", \"width\": 752, \"height\": 560, \"duration\": 4}");

        JsonNode sidecar = awaitSidecar("wide");

        Mp4Check.assertPlayableMp4(outbox.resolve("wide.mp4"), 4);
        assertThat(onlyVideoTask()).containsEntry("width", 752).containsEntry("height", 560)
                .doesNotContainKey("resolution");
        assertThat(sidecar.get("options").get("width").asInt()).isEqualTo(752);
        assertThat(sidecar.get("options").has("resolution")).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void imageNextToAPromptOfTheSameNameIsTheFirstFrame() throws Exception {
        ImageIO.write(Samples.sunrise(), "png", inbox.resolve("sunrise.png").toFile());
        Files.writeString(inbox.resolve("sunrise.txt"), "The sun rises over the hills");

        JsonNode sidecar = awaitSidecar("sunrise");

        Mp4Check.assertPlayableMp4(outbox.resolve("sunrise.mp4"), 5);
        Map<String, Object> task = onlyVideoTask();
        assertThat(task).containsEntry("resolution", "480p").doesNotContainKeys("width", "height");
        List<Map<String, Object>> frames =
                (List<Map<String, Object>>) ((Map<String, Object>) task.get("inputs")).get("frameImages");
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).containsEntry("frame", "first");
        assertThat((String) frames.get(0).get("image")).startsWith("data:image/png;base64,");
        assertThat(sidecar.get("options").get("firstFrameImage").asText()).isEqualTo("sunrise.png");
        await().untilAsserted(() -> assertThat(inbox.resolve(".done/sunrise.png")).exists());
        assertThat(inbox.resolve("sunrise.png")).doesNotExist();
    }

    @Test
    void imageWithoutAPromptIsLeftAlone() throws Exception {
        ImageIO.write(Samples.sunrise(), "png", inbox.resolve("lonely.png").toFile());
        Files.writeString(inbox.resolve("other.txt"), "Something else entirely");

        awaitSidecar("other");

        assertThat(inbox.resolve("lonely.png")).exists();
        assertThat(outbox.resolve("lonely.mp4")).doesNotExist();
        assertThat(SIM.requests().count("videoInference")).isEqualTo(1);
    }

    @Test
    void invalidRequestGoesToFailedWithTheErrorAndIsNeverSent() throws Exception {
        Files.writeString(inbox.resolve("too-long.json"), "{\"positivePrompt\": \"A long film\", \"duration\": 99}");

        Path error = failed.resolve("too-long.json.error.txt");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(error));

        assertThat(Files.readString(error)).contains("too-long.json", "duration", "99", "A long film");
        assertThat(inbox.resolve(".done/too-long.json")).exists();
        assertThat(outbox.resolve("too-long.mp4")).doesNotExist();
        assertThat(SIM.requests().count("videoInference")).isZero();
        assertThat(studio.console().failed()).isEqualTo(1);
    }

    @Test
    void taskThatFailsAtRunwareGoesToFailedWithItsCode() throws Exception {
        SIM.faults().failNextTasks("providerError", 1);
        Files.writeString(inbox.resolve("unlucky.txt"), "A prompt the provider fails on");

        Path error = failed.resolve("unlucky.txt.error.txt");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(error));

        assertThat(Files.readString(error)).contains("providerError", "A prompt the provider fails on");
        assertThat(inbox.resolve(".done/unlucky.txt")).exists();
        assertThat(StudioApp.videos(outbox)).isEmpty();
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("FAILED unlucky.txt");
    }

    private JsonNode awaitSidecar(String baseName) throws Exception {
        Path sidecar = outbox.resolve(baseName + ".json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(sidecar));
        return JSON.readTree(sidecar.toFile());
    }

    private static Map<String, Object> onlyVideoTask() {
        List<Map<String, Object>> tasks = SIM.requests().tasks("videoInference");
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }
}
