package io.github.camelseedance.seedance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Camel Main application is killed with SIGKILL while its tasks render and started again: every prompt is billed
 * exactly once and every video delivered exactly once.
 */
class CrashRecoveryTest {

    private static final int PROMPTS = 20;
    private static final int VIDEO_BYTES = 2048;

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofSeconds(4))
            .renderSpread(Duration.ofMillis(3500))
            .syntheticVideos(VIDEO_BYTES)
            .seed(21L)
            .build();

    @TempDir
    Path work;

    @RegisterExtension
    final ChildJvms jvms = new ChildJvms();

    @Test
    void killedWhileRenderingThenRestartedBillsAndDeliversEveryPromptOnce() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path outbox = Files.createDirectories(work.resolve("outbox"));
        List<String> prompts = new ArrayList<>();
        for (int i = 1; i <= PROMPTS; i++) {
            String name = "prompt-" + i + ".txt";
            Files.writeString(inbox.resolve(name), "Scene " + i + ": a kite over the dunes at dusk");
            prompts.add(name);
        }

        Process first = start(inbox, outbox, "first");
        await().atMost(Duration.ofSeconds(60)).until(() -> SIMULATOR.requests().billedTasks() == PROMPTS
                                                           && videos(outbox).size() >= 1);
        first.destroyForcibly().waitFor();
        int deliveredBeforeKill = videos(outbox).size();
        assertThat(deliveredBeforeKill).as("the kill must land while tasks still render").isLessThan(PROMPTS);

        Process second = start(inbox, outbox, "second");
        await().atMost(Duration.ofSeconds(90)).until(() -> videos(outbox).size() == PROMPTS
                                                           && pending(inbox).isEmpty());
        second.destroyForcibly().waitFor();

        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(PROMPTS);
        assertThat(SIMULATOR.requests().conflicts()).isZero();
        for (String prompt : prompts) {
            assertThat(SIMULATOR.requests().submissions(IdempotentTaskUUID.of(prompt))).as(prompt).isEqualTo(1);
            Path video = outbox.resolve(prompt.replace(".txt", ".mp4"));
            assertThat(video).as(prompt).hasSize(VIDEO_BYTES);
        }
        assertThat(videos(outbox)).hasSize(PROMPTS);
        try (Stream<Path> leftovers = Files.list(outbox)) {
            assertThat(leftovers.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }

    private Process start(Path inbox, Path outbox, String name) throws IOException {
        return jvms.start(CrashRecoveryApp.class, "128m", work.resolve(name + ".log"), List.of(inbox.toString(),
                outbox.toString(), SIMULATOR.baseUrl(), SIMULATOR.apiKey(), work.resolve("tasks.dat").toString()));
    }

    private static List<Path> videos(Path outbox) throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(p -> p.toString().endsWith(".mp4")).toList();
        }
    }

    private static List<Path> pending(Path inbox) throws IOException {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(p -> p.toString().endsWith(".txt")).toList();
        }
    }
}
