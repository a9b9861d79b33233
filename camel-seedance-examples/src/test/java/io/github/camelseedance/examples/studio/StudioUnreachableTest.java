package io.github.camelseedance.examples.studio;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runware cannot be reached (nothing listens at {@code RUNWARE_BASE_URL}): the studio names the host and the cause,
 * and the prompt stays in the inbox to be tried again, not moved to {@code .done} as if it had been handled.
 */
class StudioUnreachableTest {

    @TempDir
    Path dir;

    @Test
    void connectionFailureNamesHostAndCauseAndLeavesThePromptInTheInbox() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String baseUrl = "http://127.0.0.1:" + closedPort + "/v1";
        try (TestStudio studio = TestStudio.start(StudioOptions.defaults().withDirectory(dir).withSamples(false)
                .withWeb(false), Map.of("RUNWARE_API_KEY", "some-key", "RUNWARE_BASE_URL", baseUrl),
                Map.of("studio.unreachableRetries", "1", "camel.component.seedance.max-retries", "0"))) {
            Path prompt = studio.app.inbox().resolve("kite.txt");
            Files.writeString(prompt, "A kite over the dunes");

            await().atMost(Duration.ofSeconds(30)).until(() -> studio.app.console().putBack() >= 1);

            String output = studio.output();
            assertThat(output).contains("NOT SENT kite.txt: Cannot reach Runware at 127.0.0.1:" + closedPort + " ("
                                        + baseUrl + "): ConnectException",
                    "kite.txt stays in the inbox");
            assertThat(output).contains("kite.txt: Cannot reach Runware at 127.0.0.1:" + closedPort)
                    .contains("trying again");
            assertThat(prompt).exists();
            assertThat(studio.app.inbox().resolve(".done/kite.txt")).doesNotExist();
            assertThat(studio.app.failed()).doesNotExist();
            assertThat(studio.app.console().failed()).isZero();
            StudioJob job = studio.app.jobs().all().get(0);
            assertThat(job.state()).isEqualTo(StudioJob.State.WAITING);
            assertThat(job.error()).contains("Cannot reach Runware at 127.0.0.1:" + closedPort);
        }
    }
}
