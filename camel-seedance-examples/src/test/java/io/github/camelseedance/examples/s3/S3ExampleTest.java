package io.github.camelseedance.examples.s3;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.simulator.RunwareSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Runs the S3 example end to end: in-process S3Proxy and Runware simulator, prompts in, objects checked in S3. */
class S3ExampleTest {

    private static final int VIDEO_BYTES = 24_000;

    @TempDir
    static Path work;

    static RunningS3Example example;
    static S3Client s3;
    static RunwareSimulator simulator;

    @BeforeAll
    static void startExample() {
        example = RunningS3Example.start(work, "test-videos", VIDEO_BYTES, Map.of());
        s3 = example.s3;
        simulator = example.simulator;
    }

    @AfterAll
    static void stopExample() {
        if (example != null) {
            example.close();
        }
    }

    @Test
    void promptsBecomeObjectsWithTheirMetadata() throws Exception {
        Map<String, String> prompts = Map.of(
                "lighthouse", "A lighthouse at dawn, waves crashing on the rocks",
                "cafe", "Caf\u00e9 au lait in T\u014dky\u014d, 100% foam + steam",
                "fox", "A red fox running through fresh snow");
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        for (Map.Entry<String, String> prompt : prompts.entrySet()) {
            Path tmp = Files.writeString(work.resolve(prompt.getKey() + ".tmp"), prompt.getValue());
            Files.move(tmp, inbox.resolve(prompt.getKey() + ".txt"));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(objects())
                .extracting(S3Object::key)
                .containsExactlyInAnyOrder("videos/lighthouse.mp4", "videos/cafe.mp4", "videos/fox.mp4"));

        for (Map.Entry<String, String> prompt : prompts.entrySet()) {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket("test-videos")
                    .key("videos/" + prompt.getKey() + ".mp4"));
            byte[] bytes = object.asByteArray();
            assertThat(bytes).hasSize(VIDEO_BYTES);
            assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
            assertThat(object.response().contentType()).isEqualTo("video/mp4");
            assertThat(object.response().contentLength()).isEqualTo(VIDEO_BYTES);

            Map<String, String> metadata = object.response().metadata();
            String taskUUID = metadata.get(S3Metadata.TASK_UUID);
            var task = simulator.task(taskUUID);
            assertThat(task).as("task %s at the simulator", taskUUID).isPresent();
            assertThat(task.get().state()).isEqualTo("success");
            assertThat(new BigDecimal(metadata.get(S3Metadata.COST))).isEqualByComparingTo(task.get().cost());
            assertThat(Long.parseLong(metadata.get(S3Metadata.SEED))).isPositive();
            assertThat(metadata.get(S3Metadata.VIDEO_UUID)).isNotBlank();
            assertThat(metadata.get(S3Metadata.MODEL)).isEqualTo("bytedance:seedance@2.0-mini");
            assertThat(URLDecoder.decode(metadata.get(S3Metadata.PROMPT), StandardCharsets.UTF_8))
                    .isEqualTo(prompt.getValue());
        }
        assertThat(simulator.requests().billedTasks()).isEqualTo(3);
        // every prompt was sent as given, and the prompt files were moved out of the inbox
        assertThat(simulator.requests().tasks("videoInference")).extracting(task -> task.get("positivePrompt"))
                .containsExactlyInAnyOrderElementsOf(prompts.values());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(inbox.resolve(".done"))
                .isDirectoryContaining("glob:**/fox.txt"));
    }

    private static List<S3Object> objects() {
        return example.objects();
    }
}
