package io.github.camelseedance.examples.studio;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The studio stopped (SIGTERM, as Ctrl+C) while a render runs, in its own JVM as {@code java -jar} runs it: the
 * summary says which input was abandoned, no Camel shutdown warning is printed, the prompt stays in the inbox, and
 * the next start finishes it with the same task: billed once.
 */
class StudioStopTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofSeconds(6))
            .build();

    @TempDir
    Path dir;

    @Test
    void stoppedMidRenderTheStudioSaysWhatWasAbandonedAndTheNextStartBillsNothingMore() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path prompt = inbox.resolve("kite.txt");
        Files.writeString(prompt, "A kite over the dunes");

        Process first = studio("first");
        await().atMost(Duration.ofSeconds(60)).until(() -> SIM.requests().count("videoInference") > 0);
        first.destroy(); // SIGTERM
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        String output = Files.readString(dir.resolve("first.log"), StandardCharsets.UTF_8);

        assertThat(output).contains("kite.txt: generating", "Stopped before 1 input(s) were done",
                "kite.txt (rendering, task ");
        assertThat(output.lines().filter(l -> l.matches(".*\\b(WARN|ERROR)\\b.*"))).as(output).isEmpty();
        assertThat(output).doesNotContain("Exception", "graceful shutdown", "Rollback file strategy");
        assertThat(prompt).exists();
        assertThat(inbox.resolve(".done")).doesNotExist();
        assertThat(dir.resolve("failed")).doesNotExist();
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);

        Process second = studio("second");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("outbox/kite.json")));
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
        Mp4Check.assertPlayableMp4(dir.resolve("outbox/kite.mp4"), 5);
        List<String> taskUUIDs = SIM.requests().tasks("videoInference").stream()
                .map(t -> (String) t.get("taskUUID")).distinct().toList();
        assertThat(taskUUIDs).hasSize(1);
        assertThat(SIM.requests().submissions(taskUUIDs.get(0))).isEqualTo(1);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("second.log"))).contains("kite.txt: generating, task "
                                                                         + taskUUIDs.get(0));
        assertThat(taskUUIDs.get(0)).isNotEqualTo(IdempotentTaskUUID.of("kite.txt"));
    }

    private Process studio(String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dvertx.cacheDirBase=" + System.getProperty("vertx.cacheDirBase", "target/vertx-cache"),
                "-Dstudio.pollDelay=200", "-Dstudio.readLockCheckInterval=100",
                "-Dcamel.component.seedance.configuration.initial-poll-delay=200",
                "-Dcamel.component.seedance.configuration.poll-interval=200",
                "-Dcamel.component.seedance.configuration.max-poll-interval=500",
                "-cp", System.getProperty("java.class.path"), StudioMain.class.getName(),
                "--dir", dir.toString(), "--no-samples", "--no-web"))
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("RUNWARE_API_KEY", SIM.apiKey());
        builder.environment().put("RUNWARE_BASE_URL", SIM.baseUrl());
        return builder.start();
    }
}
