package io.github.camelseedance.examples.studio;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What README's first command does, in-process: a first start with no API key drops the samples, generates them on
 * the embedded simulator, prints where the videos are and stops ({@code --once}).
 */
class StudioOnceTest {

    @TempDir
    Path dir;

    @Test
    void firstStartWithoutKeyMakesPlayableVideosFromTheSamplesAndStops() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StudioOptions options = StudioOptions.parse("--once", "--render-time", "500ms").withDirectory(dir);

        int exitCode = new StudioApp(options, Map.of(), Map.of("studio.pollDelay", "100",
                "studio.readLockCheckInterval", "100"), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String output = printed.toString(StandardCharsets.UTF_8);
        Path outbox = dir.resolve("outbox");
        assertThat(exitCode).as(output).isZero();
        assertThat(output).contains("embedded Runware simulator", "First start", "3 video(s) made, 0 failed",
                "Your videos are in " + outbox.toAbsolutePath(), outbox.resolve("sunrise.mp4").toString())
                .as("--once serves no page").doesNotContain("page:");
        assertThat(StudioApp.videos(outbox)).extracting(p -> p.getFileName().toString())
                .containsExactly("lighthouse.mp4", "paper-boat.mp4", "sunrise.mp4");
        Mp4Check.assertPlayableMp4(outbox.resolve("lighthouse.mp4"), 5);
        Mp4Check.assertPlayableMp4(outbox.resolve("paper-boat.mp4"), 4);
        Mp4Check.assertPlayableMp4(outbox.resolve("sunrise.mp4"), 5);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(outbox.resolve("sunrise.json").toFile()).get("options").get("firstFrameImage")
                .asText()).isEqualTo("sunrise.png");
        assertThat(json.readTree(outbox.resolve("lighthouse.json").toFile()).get("backend").asText())
                .isEqualTo("simulator");
        try (var done = Files.list(dir.resolve("inbox/.done"))) {
            assertThat(done.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("lighthouse.txt", "paper-boat.json", "sunrise.png", "sunrise.txt");
        }

        // a second run finds nothing to do and drops no samples again
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        int secondExit = new StudioApp(options.withRenderTime(Duration.ofMillis(100)), Map.of(), Map.of(),
                new PrintStream(again, true, StandardCharsets.UTF_8)).run();
        assertThat(secondExit).isZero();
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("Nothing waiting").doesNotContain("First start");
    }

    @Test
    void flagsAreParsed() {
        StudioOptions options = StudioOptions.parse("--once", "--dir", "x", "--no-samples", "--render-time", "2s",
                "--port", "9090");
        assertThat(options.once()).isTrue();
        assertThat(options.port()).isEqualTo(9090);
        assertThat(options.servesPage()).as("not with --once").isFalse();
        assertThat(StudioOptions.parse().servesPage()).isTrue();
        assertThat(StudioOptions.parse().port()).isEqualTo(8080);
        assertThat(StudioOptions.parse("--no-web").servesPage()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StudioOptions.parse("--port", "http"))
                .hasMessageContaining("--port").hasMessageContaining("http");
        assertThat(options.directory()).isEqualTo(Path.of("x"));
        assertThat(options.samples()).isFalse();
        assertThat(options.renderTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(StudioOptions.parse().once()).isFalse();
    }
}
