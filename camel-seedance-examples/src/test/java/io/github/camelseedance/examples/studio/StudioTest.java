package io.github.camelseedance.examples.studio;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelseedance.simulator.RunwareSimulator;
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

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    Path dir;

    private TestStudio run;
    private StudioApp studio;
    private Path inbox;
    private Path outbox;
    private Path failed;

    @BeforeEach
    void startStudio() throws Exception {
        run = TestStudio.start(StudioOptions.defaults().withDirectory(dir).withSamples(false).withWeb(false),
                Map.of("RUNWARE_API_KEY", SIM.apiKey(), "RUNWARE_BASE_URL", SIM.baseUrl()), Map.of());
        studio = run.app;
        inbox = dir.resolve("inbox");
        outbox = dir.resolve("outbox");
        failed = dir.resolve("failed");
    }

    @AfterEach
    void stopStudio() {
        run.close();
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
        await().untilAsserted(() -> assertThat(inbox.resolve(".done/cat.txt"))
                .hasContent("A cat playing the piano in a jazz club\n"));
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
        await().untilAsserted(() -> assertThat(inbox.resolve(".done/boat.json")).exists());
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
        List<Map<String, Object>> frames = (List<Map<String, Object>>) ((Map<String, Object>) task.get("inputs"))
                .get("frameImages");
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
        await().untilAsserted(() -> assertThat(inbox.resolve(".done/too-long.json")).exists());
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
        await().untilAsserted(() -> assertThat(inbox.resolve(".done/unlucky.txt")).exists());
        assertThat(StudioApp.videos(outbox)).isEmpty();
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
        assertThat(run.output()).contains("FAILED unlucky.txt");
    }

    @Test
    void emptyPromptIsReportedAndMovedAsideWithoutHoldingUpTheFilesAfterIt() throws Exception {
        Files.writeString(inbox.resolve("a-empty.txt"), "");
        Files.writeString(inbox.resolve("b-blank.txt"), "  \n\t\n");
        Files.writeString(inbox.resolve("c-after.txt"), "A prompt after the empty ones");

        JsonNode sidecar = awaitSidecar("c-after");

        assertThat(sidecar.get("prompt").asText()).isEqualTo("A prompt after the empty ones");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(failed.resolve("a-empty.txt.error.txt")).content().contains("a-empty.txt is empty");
            assertThat(failed.resolve("b-blank.txt.error.txt")).content().contains("b-blank.txt is empty");
        });
        await().untilAsserted(() -> assertThat(inbox.resolve(".done/a-empty.txt")).exists());
        assertThat(inbox.resolve("a-empty.txt")).doesNotExist();
        try (var left = Files.list(inbox)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsOnly(".done");
        }
        assertThat(SIM.requests().count("videoInference")).isEqualTo(1);
    }

    @Test
    void sameNamedInputsNeverOverwriteVideosSidecarsOrDoneCopies() throws Exception {
        Files.writeString(inbox.resolve("cat.txt"), "A first cat");
        awaitSidecar("cat");
        Files.writeString(inbox.resolve("cat.txt"), "A second cat");
        awaitSidecar("cat.2");
        // and two inputs of the same base name at once
        Files.writeString(inbox.resolve("dog.json"), "{\"positivePrompt\": \"A dog from a request\", \"duration\": 4}");
        Files.writeString(inbox.resolve("dog.txt"), "A dog from a prompt");
        awaitSidecar("dog");
        awaitSidecar("dog.2");

        assertThat(JSON.readTree(outbox.resolve("cat.json").toFile()).get("prompt").asText()).isEqualTo("A first cat");
        assertThat(JSON.readTree(outbox.resolve("cat.2.json").toFile()).get("prompt").asText())
                .isEqualTo("A second cat");
        assertThat(JSON.readTree(outbox.resolve("cat.2.json").toFile()).get("video").asText()).isEqualTo("cat.2.mp4");
        await().untilAsserted(() -> assertThat(inbox.resolve(".done/cat.txt")).hasContent("A first cat"));
        await().untilAsserted(() -> assertThat(inbox.resolve(".done/cat.2.txt")).hasContent("A second cat"));
        Mp4Check.assertPlayableMp4(outbox.resolve("cat.mp4"), 5);
        Mp4Check.assertPlayableMp4(outbox.resolve("cat.2.mp4"), 5);
        List<String> dogPrompts = List.of(JSON.readTree(outbox.resolve("dog.json").toFile()).get("prompt").asText(),
                JSON.readTree(outbox.resolve("dog.2.json").toFile()).get("prompt").asText());
        assertThat(dogPrompts).containsExactlyInAnyOrder("A dog from a request", "A dog from a prompt");
        try (var done = Files.list(inbox.resolve(".done"))) {
            assertThat(done.map(p -> p.getFileName().toString())).hasSize(4);
        }
        assertThat(StudioApp.videos(outbox)).hasSize(4);
        assertThat(SIM.requests().billedTasks()).isEqualTo(4);
    }

    @Test
    void textThatIsNotUtf8IsRefusedByNameAndAByteOrderMarkIsDropped() throws Exception {
        Files.write(inbox.resolve("latin.txt"), "Un caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(inbox.resolve("binary.txt"), new byte[]{ (byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2 });
        byte[] bom = { (byte) 0xef, (byte) 0xbb, (byte) 0xbf };
        Files.write(inbox.resolve("bom.txt"),
                concat(bom, "A prompt saved by Notepad".getBytes(StandardCharsets.UTF_8)));
        Files.write(inbox.resolve("bom-request.json"),
                concat(bom, "{\"positivePrompt\": \"A request with a BOM\"}".getBytes(StandardCharsets.UTF_8)));

        JsonNode sidecar = awaitSidecar("bom");
        awaitSidecar("bom-request");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(failed.resolve("binary.txt.error.txt"))
                                                           && Files.exists(failed.resolve("latin.txt.error.txt")));

        assertThat(sidecar.get("prompt").asText()).isEqualTo("A prompt saved by Notepad");
        assertThat(SIM.requests().tasks("videoInference")).extracting(t -> t.get("positivePrompt"))
                .containsExactlyInAnyOrder("A prompt saved by Notepad", "A request with a BOM");
        assertThat(failed.resolve("latin.txt.error.txt")).content()
                .contains("latin.txt is not UTF-8 text: byte 0xE9 at offset 6").doesNotContain("TypeConversion");
        assertThat(failed.resolve("binary.txt.error.txt")).content()
                .contains("binary.txt is not UTF-8 text: byte 0x89");
    }

    @Test
    void eachVideoLineShowsTheCostOfThatVideo() throws Exception {
        Files.writeString(inbox.resolve("twins.json"),
                "{\"positivePrompt\": \"Twin kites\", \"numberResults\": 2, \"duration\": 4}");

        JsonNode sidecar = awaitSidecar("twins");

        BigDecimal total = sidecar.get("cost").decimalValue();
        BigDecimal each = sidecar.get("videos").get(0).get("cost").decimalValue();
        assertThat(each.multiply(BigDecimal.valueOf(2))).isEqualByComparingTo(total);
        List<String> lines = run.output().lines().toList();
        List<BigDecimal> videoLines = lines.stream().filter(l -> l.contains(".mp4 ready:")).map(StudioTest::dollars)
                .toList();
        assertThat(videoLines).hasSize(2).allSatisfy(cost -> assertThat(cost).isEqualByComparingTo(each));
        assertThat(lines.stream().filter(l -> l.contains("twins.json done: 2 videos")).map(StudioTest::dollars))
                .singleElement().satisfies(cost -> assertThat(cost).isEqualByComparingTo(total));
    }

    private static BigDecimal dollars(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$([0-9.]+)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return new BigDecimal(m.group(1));
    }

    @Test
    void aLocalBaseUrlIsNotCalledBilled() {
        assertThat(run.output()).contains("local server at " + SIM.baseUrl(), "Runware bills nothing")
                .doesNotContain("videos are billed");
    }

    @Test
    void progressIsPrintedWhileARenders() throws Exception {
        run.close();
        try (RunwareSimulator slow = RunwareSimulator.builder().renderTime(Duration.ofMillis(1500)).build().start();
                TestStudio watching = TestStudio.start(StudioOptions.defaults().withDirectory(dir).withSamples(false)
                        .withWeb(false),
                        Map.of("RUNWARE_API_KEY", slow.apiKey(), "RUNWARE_BASE_URL",
                                slow.baseUrl()),
                        Map.of("studio.progressInterval", "300"))) {
            Files.writeString(inbox.resolve("slow.txt"), "A slow render");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(outbox.resolve("slow.json")));
            List<String> progress = watching.output().lines().filter(l -> l.contains("slow.txt: rendering")).toList();
            assertThat(progress).hasSizeGreaterThanOrEqualTo(2);
            assertThat(progress.get(0)).matches(".*slow\\.txt: rendering, \\d+ s so far, (about \\d+ s left|taking"
                                                + " longer than the \\d+ s expected) \\(\\d+%\\)");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
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
