package io.github.camelseedance.examples.studio;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page's HTTP API without a browser: it writes into the inbox and nowhere else, refuses changes that do not come
 * from the page, prices a request without sending it, serves videos with byte ranges, and streams the queue.
 */
class StudioPageApiTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300))
            .build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestStudio studio;
    private final HttpClient http = HttpClient.newHttpClient();
    private String page;

    @BeforeEach
    void start() throws Exception {
        studio = TestStudio.start(StudioOptions.defaults().withDirectory(dir).withSamples(false).withPort(0),
                Map.of("RUNWARE_API_KEY", SIM.apiKey(), "RUNWARE_BASE_URL", SIM.baseUrl()), Map.of());
        page = studio.app.pageAddress();
    }

    @AfterEach
    void stop() {
        studio.close();
    }

    @Test
    void thePageAndItsFilesAreServedFromTheJar() throws Exception {
        assertThat(studio.output()).contains("page:    " + page);
        HttpResponse<String> index = http.send(get(""), HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.body()).contains("<label for=\"prompt\">", "/studio.js").doesNotContain("http://", "https://");
        assertThat(http.send(get("studio.js"), HttpResponse.BodyHandlers.ofString()).body())
                .contains("EventSource('/api/events')").doesNotContain("http://", "https://");
        JsonNode state = JSON.readTree(http.send(get("api/state"), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(state.at("/backend/kind").asText()).isEqualTo("local");
        assertThat(state.at("/spend/budget").isNull()).isTrue();
        assertThat(state.at("/defaults/resolution").asText()).isEqualTo("480p");
    }

    @Test
    void thePageMakesNoFolderForFileUploadsInTheTemporaryFolder() throws Exception {
        assertThat(put("fox.txt", "A fox").statusCode()).isEqualTo(201);
        // with file uploads on, Camel's HTTP server makes java.io.tmpdir/camel/camel-tmp-<uuid> and never removes it
        MainHttpServer server = studio.app.camelContext().hasService(MainHttpServer.class);
        assertThat(server).isNotNull();
        assertThat(server.isFileUploadEnabled()).isFalse();
    }

    @Test
    void uploadsGoIntoTheInboxUnderAFreeNameAndOnlyFromThePage() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(page + "api/inbox/cat.txt"))
                .PUT(HttpRequest.BodyPublishers.ofString("A cat")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("X-Studio-Request");
        assertThat(put("../escape.txt", "x").statusCode()).isIn(400, 404);
        assertThat(put("cat.exe", "x").statusCode()).isEqualTo(400);
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(page + "api/inbox/form.txt"))
                .header(StudioPage.REQUEST_HEADER, "1").header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("A prompt sent as a form")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(studio.app.inbox().resolve("form.txt")).doesNotExist();
        assertThat(dir.resolve("escape.txt")).doesNotExist();

        Files.createDirectories(studio.app.inbox());
        Files.writeString(studio.app.inbox().resolve("cat.txt"), "An older cat that waits");
        HttpResponse<String> stored = put("cat.txt", "A cat from the page");
        assertThat(stored.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(stored.body()).get("saved").asText()).isEqualTo("cat.2.txt");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(studio.app.outbox().resolve("cat.2.json"))
                                                           && Files.exists(studio.app.outbox().resolve("cat.json")));
        assertThat(JSON.readTree(studio.app.outbox().resolve("cat.2.json").toFile()).get("prompt").asText())
                .isEqualTo("A cat from the page");
    }

    @Test
    void theEstimateIsAPriceOrTheParameterItBreaks() throws Exception {
        JsonNode price = JSON.readTree(estimate("{\"positivePrompt\": \"A fox\", \"duration\": 5,"
                                                + " \"resolution\": \"720p\"}")
                .body());
        assertThat(price.get("cost").decimalValue()).isEqualByComparingTo("0.405");
        HttpResponse<String> bad = estimate("{\"positivePrompt\": \"A fox\", \"duration\": 99}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("parameters").toString()).isEqualTo("[\"duration\"]");
        assertThat(JSON.readTree(bad.body()).get("error").asText()).contains("99", "4..15");
        assertThat(SIM.requests().count("videoInference")).as("dry runs only").isEqualTo(1);
        assertThat(SIM.requests().billedTasks()).isZero();
    }

    @Test
    void videosAreServedWithByteRanges() throws Exception {
        put("fox.txt", "A fox in the snow");
        Path video = studio.app.outbox().resolve("fox.mp4");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(studio.app.outbox().resolve("fox.json")));
        byte[] bytes = Files.readAllBytes(video);

        HttpResponse<byte[]> whole = http.send(get("videos/fox.mp4"), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(whole.body()).isEqualTo(bytes);
        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(page + "videos/fox.mp4"))
                .header("Range", "bytes=100-199").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + bytes.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 100, 200));
        assertThat(http.send(get("videos/nothing.mp4"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theQueueIsStreamedAsServerSentEvents() throws Exception {
        HttpResponse<java.util.stream.Stream<String>> events = http.send(get("api/events"),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        put("owl.txt", "An owl at night");
        java.util.List<String> seen = new java.util.ArrayList<>();
        try (var lines = events.body()) {
            var iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                seen.add(line);
                if (line.startsWith("data:") && line.contains("\"state\":\"done\"")) {
                    break;
                }
            }
        }
        assertThat(seen).contains("event: state", "event: job");
        assertThat(String.join("\n", seen)).contains("\"input\":\"owl.txt\",\"state\":\"waiting\"",
                "\"input\":\"owl.txt\",\"state\":\"rendering\"", "\"state\":\"done\"", "/videos/owl.mp4");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(page + path)).timeout(Duration.ofSeconds(30)).build();
    }

    private HttpResponse<String> put(String name, String content) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(page + "api/inbox/" + name))
                .header(StudioPage.REQUEST_HEADER, "1").header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(content)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> estimate(String request) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(page + "api/estimate"))
                .header(StudioPage.REQUEST_HEADER, "1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
