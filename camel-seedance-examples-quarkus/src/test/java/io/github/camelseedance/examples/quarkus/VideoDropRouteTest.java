package io.github.camelseedance.examples.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import io.github.camelseedance.simulator.RunwareSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Camel Quarkus application in JVM mode, with its embedded simulator: a prompt dropped in the inbox becomes the
 * simulator's very bytes in the outbox, with the options of application.properties in the request Runware received.
 */
@QuarkusTest
@QuarkusTestResource(VideoDropRouteTest.Folders.class)
class VideoDropRouteTest {

    @Inject
    EmbeddedRunware runware;
    @Inject
    CamelContext camel;
    @ConfigProperty(name = "drop.inbox")
    Path inbox;
    @ConfigProperty(name = "drop.outbox")
    Path outbox;

    @Test
    void aDroppedPromptBecomesTheSimulatorsVideoInTheOutbox() throws Exception {
        Files.writeString(inbox.resolve("lighthouse.txt"), "a lighthouse keeper paints the night sky");

        Path video = outbox.resolve("lighthouse.mp4");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/lighthouse.txt")));
        RunwareSimulator simulator = runware.simulator();
        List<Map<String, Object>> submitted = simulator.requests().tasks("videoInference");
        assertThat(submitted).hasSize(1);
        assertThat(submitted.get(0)).containsEntry("positivePrompt", "a lighthouse keeper paints the night sky")
                .containsEntry("duration", 5).containsEntry("width", 1280).containsEntry("height", 720)
                .containsEntry("includeCost", true);

        String taskUUID = (String) submitted.get(0).get("taskUUID");
        String videoUUID = simulator.requests().all().stream()
                .filter(request -> request.path().startsWith("/media/"))
                .map(request -> request.path().substring("/media/".length()).replace(".mp4", ""))
                .findFirst().orElseThrow();
        byte[] served = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl().replace("/v1", "/media/" + videoUUID + ".mp4")))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(served).hasSizeGreaterThan(1000);
        assertThat(Files.readAllBytes(video)).isEqualTo(served);
        assertThat(new String(served, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(simulator.task(taskUUID).orElseThrow().state()).isEqualTo("success");
        assertThat(camel.getRoute(VideoDropRoute.ROUTE_ID)).isNotNull();
    }

    /** The inbox and outbox in a temporary folder, removed after the tests. */
    public static class Folders implements QuarkusTestResourceLifecycleManager {
        private Path root;

        @Override
        public Map<String, String> start() {
            try {
                root = Files.createTempDirectory("seedance-quarkus-");
                Files.createDirectories(root.resolve("inbox"));
                return Map.of("drop.inbox", root.resolve("inbox").toString(),
                        "drop.outbox", root.resolve("outbox").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
