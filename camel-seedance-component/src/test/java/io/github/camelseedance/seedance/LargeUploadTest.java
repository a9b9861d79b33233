package io.github.camelseedance.seedance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * seedance:upload, the way to pass media too large to send inline, streams the file into its request: a 14 MB video
 * is uploaded from a JVM whose whole heap is 32 MB (sent inline whole, it would take about six times its size).
 * The file stays under 15 MB because the simulator, like any Jackson reader with its default limits, reads no JSON
 * string over 20 million characters.
 */
class LargeUploadTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(100))
            .syntheticVideos(512)
            .build();

    @TempDir
    Path folder;

    @Test
    void aVideoOfNearlyHalfTheHeapIsUploadedStreamed() throws Exception {
        Path log = folder.resolve("app.log");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                LargeUploadApp.class.getName(), SIMULATOR.baseUrl(), SIMULATOR.apiKey(),
                folder.resolve("large.mp4").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("UPLOADED ");
        assertThat(SIMULATOR.requests().count("mediaStorage")).isEqualTo(1);
    }
}
