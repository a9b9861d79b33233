package io.github.camelseedance.seedance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JVM killed with SIGKILL while it downloads videos leaves its temporary files (partial and complete) behind; the
 * next process that uses the temporary folder deletes them, and nothing else.
 */
class KilledDownloadLeftoversTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder().build();

    @TempDir
    Path work;

    @RegisterExtension
    final ChildJvms jvms = new ChildJvms();

    @Test
    void theFilesOfAKilledProcessAreDeletedWhenTheNextOneStarts() throws Exception {
        Path temp = Files.createDirectories(work.resolve("videos-temp"));
        Path foreign = Files.writeString(temp.resolve("not-ours.mp4"), "someone else's file");
        Process process = jvms.start(KilledDownloadApp.class, "128m", work.resolve("app.log"),
                List.of(temp.toString()));
        Path log = work.resolve("app.log");
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .failFast("the application stopped: " + log, () -> !process.isAlive())
                    .until(() -> videoBytes(temp) > KilledDownloadApp.VIDEO_BYTES / 2);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(Files.readString(log), e);
        }
        process.destroyForcibly().waitFor();
        List<Path> leftovers = videoFiles(temp);
        assertThat(leftovers).as("what the kill left").isNotEmpty();

        try (CamelContext next = new DefaultCamelContext()) {
            next.addComponent("seedance", SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100));
            next.start();
            next.getEndpoint("seedance:generate?tempDirectory=" + temp).start();

            assertThat(leftovers).noneMatch(Files::exists);
            assertThat(videoFiles(temp)).isEmpty();
            assertThat(foreign).exists();
        }
    }

    /** The video files (partial or complete) in the folders of processes inside the temporary folder. */
    private static List<Path> videoFiles(Path temp) throws IOException {
        try (Stream<Path> files = Files.walk(temp)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getParent().equals(temp))
                    .filter(file -> !file.getFileName().toString().equals(".lock")).toList();
        }
    }

    private static long videoBytes(Path temp) throws IOException {
        long bytes = 0;
        for (Path file : videoFiles(temp)) {
            try {
                bytes += Files.size(file);
            } catch (IOException gone) {
                // moved from .part to its final name meanwhile
            }
        }
        return bytes;
    }
}
