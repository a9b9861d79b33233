package io.github.camelseedance.examples.springboot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Boot application as it runs, on a random port with its in-process S3Proxy and Runware simulator: a
 * prompt dropped in the inbox becomes the simulator's very bytes in the bucket, and the actuator shows the seedance
 * readiness check (UP, then DOWN while Runware fails, and the task still delivered once it recovers) and the
 * route's exchange metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "runware.simulator=always",
        "runware.simulator.render-time=2s",
        "runware.simulator.poll-interval=100ms",
        "camel.component.seedance.max-retries=1",
        "camel.component.seedance.retry-backoff=200ms",
        "s3.bucket=test-videos",
        // Tomcat's work folder in target, not in the system temp folder
        "server.tomcat.basedir=target/tomcat" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VideoDropApplicationTest {

    @TempDir
    static Path work;

    @Autowired
    S3Client s3;
    @Autowired
    RunwareSimulator simulator;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("drop.inbox", () -> work.resolve("inbox").toString());
        registry.add("camel.component.seedance.task-store-file", () -> work.resolve("tasks.dat").toString());
    }

    @Test
    @Order(1)
    void aDroppedPromptBecomesTheSimulatorsVideoInTheBucket() throws Exception {
        Files.createDirectories(work.resolve("inbox"));
        Files.writeString(work.resolve("inbox/lighthouse.txt"), "a lighthouse keeper paints the night sky");

        S3Object stored = await().atMost(Duration.ofSeconds(30)).until(
                () -> s3.listObjectsV2(request -> request.bucket("test-videos")).contents(), list -> !list.isEmpty())
                .get(0);
        assertThat(stored.key()).isEqualTo("seedance/lighthouse.mp4");
        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(request -> request.bucket("test-videos")
                .key("seedance/lighthouse.mp4"));
        assertThat(object.response().contentType()).isEqualTo("video/mp4");
        String videoUUID = object.response().metadata().get("seedance-video-uuid");
        assertThat(object.response().metadata()).containsKey("seedance-task-uuid").containsKey("seedance-seed");

        byte[] served = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl().replace("/v1", "")
                                                                    + "/media/" + videoUUID + ".mp4"))
                .build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(served).hasSizeGreaterThan(1000);
        assertThat(object.asByteArray()).isEqualTo(served);
        assertThat(new String(served, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(simulator.requests().billedTasks()).isEqualTo(1);
        await().until(() -> Files.exists(work.resolve("inbox/.done/lighthouse.txt")));
    }

    @Test
    @Order(2)
    void theActuatorShowsTheSeedanceReadinessCheckAndTheRouteMetrics() throws Exception {
        JsonNode health = get("/actuator/health");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode camel = health.path("components").path("camelHealth");
        assertThat(camel.path("status").asText()).isEqualTo("UP");
        assertThat(seedanceCheck(camel)).isEqualTo("UP");
        assertThat(get("/actuator/health/readiness").path("components").has("camelHealth")).isTrue();

        JsonNode names = get("/actuator/metrics").path("names");
        assertThat(names.toString()).contains("camel.exchanges.succeeded");
        JsonNode succeeded = get("/actuator/metrics/camel.exchanges.succeeded?tag=routeId:"
                                 + VideoDropRoutes.ROUTE_ID);
        assertThat(succeeded.path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    @Order(3)
    void theReadinessCheckGoesDownWhileRunwareFailsAndUpAgain() throws Exception {
        Files.writeString(work.resolve("inbox/paper-boat.txt"), "a paper boat sails down a rainy street");
        await().until(() -> simulator.requests().tasks("videoInference").size() == 2);
        simulator.faults().httpErrorRate(503, 1.0);
        try {
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> "DOWN".equals(seedanceCheck(get("/actuator/health").path("components").path("camelHealth"))));
            JsonNode readiness = get("/actuator/health/readiness");
            assertThat(readiness.path("status").asText()).isEqualTo("DOWN");
        } finally {
            simulator.faults().clear();
        }
        await().atMost(Duration.ofSeconds(30)).until(
                () -> "UP".equals(get("/actuator/health").path("status").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> s3.listObjectsV2(
                request -> request.bucket("test-videos")).contents().size() == 2);
        assertThat(simulator.requests().billedTasks()).isEqualTo(2);
    }

    /** The state of the seedance producer's check among Camel's health details. */
    private static String seedanceCheck(JsonNode camelHealth) {
        List<String> checks = new java.util.ArrayList<>();
        camelHealth.path("details").fieldNames().forEachRemaining(checks::add);
        String id = checks.stream().filter(name -> name.startsWith("producer:seedance")).findFirst()
                .orElseThrow(() -> new AssertionError("no seedance check in " + checks));
        return camelHealth.path("details").path(id).asText();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }
}
