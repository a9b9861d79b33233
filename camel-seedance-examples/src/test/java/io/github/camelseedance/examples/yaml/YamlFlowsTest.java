package io.github.camelseedance.examples.yaml;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.examples.runware.EmbeddedRunware;
import io.github.camelseedance.examples.s3.EmbeddedS3;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the YAML DSL route files of yaml/ through Camel Main with camel-yaml-dsl (what Camel JBang runs), against the
 * Runware simulator and, for the S3 flow, an in-process S3Proxy.
 */
class YamlFlowsTest {

    private static final int VIDEO_BYTES = 12_000;

    @TempDir
    Path work;

    Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    @Test
    void studioFlowTurnsPromptFilesIntoVideoFiles() throws Exception {
        start("classpath:yaml/studio.yaml");
        drop("inbox", "sunrise", "Sunrise over a mountain lake, mist on the water");
        drop("inbox", "city", "A neon city street in the rain at night");

        Path outbox = work.resolve("outbox");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(names(outbox))
                .containsExactly("city.mp4", "sunrise.mp4"));
        for (String name : List.of("city.mp4", "sunrise.mp4")) {
            byte[] bytes = Files.readAllBytes(outbox.resolve(name));
            assertThat(bytes).hasSize(VIDEO_BYTES);
            assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        }
        RunwareSimulator simulator = simulator();
        assertThat(simulator.requests().billedTasks()).isEqualTo(2);
        assertThat(simulator.requests().tasks("videoInference"))
                .allSatisfy(task -> assertThat(task).containsEntry("width", 864).containsEntry("height", 496)
                        .containsEntry("duration", 5))
                .extracting(task -> task.get("positivePrompt"))
                .containsExactlyInAnyOrder("Sunrise over a mountain lake, mist on the water",
                        "A neon city street in the rain at night");
    }

    @Test
    void s3FlowStoresVideosWithMetadata() throws Exception {
        start("classpath:yaml/s3.yaml", "s3.inbox", work.resolve("s3-inbox").toString(), "s3.bucket", "yaml-videos");
        drop("s3-inbox", "glacier", "A glacier, calving into a turquoise sea");

        EmbeddedS3.Server server = main.getCamelContext().getRegistry()
                .lookupByNameAndType(EmbeddedS3.BEAN, EmbeddedS3.Server.class);
        try (S3Client s3 = server.newClient()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    s3.listObjectsV2(b -> b.bucket("yaml-videos")).contents()).extracting(S3Object::key)
                    .containsExactly("videos/glacier.mp4"));
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket("yaml-videos")
                    .key("videos/glacier.mp4"));
            assertThat(object.asByteArray()).hasSize(VIDEO_BYTES);
            assertThat(object.response().contentType()).isEqualTo("video/mp4");
            Map<String, String> metadata = object.response().metadata();
            String taskUUID = metadata.get("seedance-task-uuid");
            var task = simulator().task(taskUUID).orElseThrow();
            assertThat(metadata).containsEntry("seedance-prompt", "A glacier, calving into a turquoise sea")
                    .containsEntry("seedance-model", "bytedance:seedance@2.0-mini")
                    .containsKeys("seedance-video-uuid", "seedance-seed");
            assertThat(Long.parseLong(metadata.get("seedance-seed"))).isPositive();
            assertThat(new BigDecimal(metadata.get("seedance-cost"))).isEqualByComparingTo(task.cost());
        }
    }

    @Test
    void kameletStudioFlowUsesTheSeedanceActionKamelet() throws Exception {
        start("classpath:yaml/kamelet-studio.yaml", "seedance.initial-poll-delay", "100ms",
                "seedance.poll-interval", "100ms");
        drop("inbox", "portrait", "A portrait of a violinist, warm stage light");

        Path outbox = work.resolve("outbox");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(names(outbox))
                .containsExactly("portrait.mp4"));
        assertThat(outbox.resolve("portrait.mp4")).hasSize(VIDEO_BYTES);
        Map<String, Object> task = simulator().requests().tasks("videoInference").get(0);
        // the Kamelet's parameters reached Runware: 9:16 at 480p, cost included
        assertThat(task).containsEntry("width", 496).containsEntry("height", 864)
                .containsEntry("includeCost", true)
                .containsEntry("positivePrompt", "A portrait of a violinist, warm stage light");
    }

    private void start(String routes, String... overrides) {
        main = LowCodeExample.create(routes);
        main.addOverrideProperty("studio.inbox", work.resolve("inbox").toString());
        main.addOverrideProperty("studio.outbox", work.resolve("outbox").toString());
        main.addOverrideProperty("runware.simulator", "always");
        main.addOverrideProperty("runware.simulator.render-time", "200ms");
        main.addOverrideProperty("runware.simulator.synthetic-bytes", String.valueOf(VIDEO_BYTES));
        main.addOverrideProperty("runware.simulator.poll-interval", "100ms");
        for (int i = 0; i < overrides.length; i += 2) {
            main.addOverrideProperty(overrides[i], overrides[i + 1]);
        }
        main.start();
    }

    private RunwareSimulator simulator() {
        return main.getCamelContext().getRegistry()
                .lookupByNameAndType(EmbeddedRunware.SIMULATOR_BEAN, RunwareSimulator.class);
    }

    private void drop(String dir, String name, String prompt) throws Exception {
        Path inbox = Files.createDirectories(work.resolve(dir));
        Path tmp = Files.writeString(work.resolve(name + ".tmp"), prompt);
        Files.move(tmp, inbox.resolve(name + ".txt"));
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
