package io.github.camelseedance.examples.yaml;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the Kamelets shipped in the camel-seedance jar (classpath:kamelets, the kamelet component's default location)
 * from routes, against the Runware simulator.
 */
class SeedanceKameletsTest {

    private static final int VIDEO_BYTES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(200))
            .syntheticVideos(VIDEO_BYTES)
            .seed(11L)
            .build();

    static CamelContext context;
    static ProducerTemplate template;
    static HttpServer webhook;
    static final List<String> WEBHOOK_BODIES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/videos", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                WEBHOOK_BODIES.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();

        String connection = "apiKey=" + SIMULATOR.apiKey() + "&baseUrl=" + SIMULATOR.baseUrl();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:action")
                        .to("kamelet:seedance-action?" + connection + "&resolution=480p&aspectRatio=1:1&duration=4"
                            + "&outputFormat=WEBM&audio=false&initialPollDelay=100ms&pollInterval=100ms")
                        // the video file outlives the Kamelet's exchange: read it here, in the calling route
                        .setProperty("videoFile", simple("${body.path}"))
                        .setProperty("bytes", bodyAs(byte[].class));
                from("direct:streamedAction")
                        .to("kamelet:seedance-action?" + connection + "&resolution=480p&duration=4&audio=false"
                            + "&initialPollDelay=100ms&pollInterval=100ms&streamVideo=true")
                        .setProperty("streamed", simple("${body.streamed}"))
                        .setProperty("videoFile", simple("${body.path}"))
                        .setProperty("bytes", bodyAs(byte[].class));
                from("direct:sink")
                        .to("kamelet:seedance-sink?" + connection + "&webhookURL=http://127.0.0.1:"
                            + webhook.getAddress().getPort() + "/videos&numberResults=2&duration=6&resolution=720p");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.stop();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void actionTurnsThePromptIntoTheVideo() {
        Exchange result = template.request("direct:action",
                e -> e.getMessage().setBody("A hummingbird hovering over a red flower"));

        assertThat(result.getException()).isNull();
        byte[] bytes = result.getProperty("bytes", byte[].class);
        assertThat(bytes).hasSize(VIDEO_BYTES);
        // deleted once the calling exchange completed
        assertThat(result.getProperty("videoFile", java.nio.file.Path.class)).doesNotExist();
        String taskUUID = result.getMessage().getHeader("CamelSeedanceTaskUUID", String.class);
        assertThat(result.getMessage().getHeader("file")).isEqualTo(taskUUID + ".webm");
        assertThat(result.getMessage().getHeader(Exchange.FILE_NAME)).isEqualTo(taskUUID + ".webm");
        assertThat(result.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("video/webm");
        assertThat(result.getMessage().getHeader("CamelSeedanceCost", java.math.BigDecimal.class))
                .isEqualByComparingTo(SIMULATOR.simulator().task(taskUUID).orElseThrow().cost());

        Map<String, Object> task = SIMULATOR.requests().tasks("videoInference").get(0);
        assertThat(task).containsEntry("positivePrompt", "A hummingbird hovering over a red flower")
                .containsEntry("width", 640).containsEntry("height", 640).containsEntry("duration", 4)
                .containsEntry("outputFormat", "WEBM").containsEntry("includeCost", true);
        assertThat(task.get("settings")).isEqualTo(Map.of("audio", false));
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void actionWithStreamVideoGivesTheVideoWithNoFile() {
        Exchange result = template.request("direct:streamedAction",
                e -> e.getMessage().setBody("A paper boat drifting down a rain gutter"));

        assertThat(result.getException()).isNull();
        assertThat(result.getProperty("streamed", Boolean.class)).isTrue();
        assertThat(result.getProperty("videoFile")).as("no temporary file").isNull();
        assertThat(result.getProperty("bytes", byte[].class)).hasSize(VIDEO_BYTES);
        String taskUUID = result.getMessage().getHeader("CamelSeedanceTaskUUID", String.class);
        assertThat(result.getMessage().getHeader(Exchange.CONTENT_LENGTH, Long.class)).isEqualTo(VIDEO_BYTES);
        assertThat(result.getMessage().getHeader("file")).isEqualTo(taskUUID + ".mp4");
        assertThat(SIMULATOR.requests().mediaDownloads())
                .as("the download opened at delivery closes with the Kamelet's exchange; the caller's read opens "
                    + "another")
                .isEqualTo(2);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void sinkSubmitsAndRunwareDeliversToTheWebhook() throws Exception {
        Exchange result = template.request("direct:sink",
                e -> e.getMessage().setBody("Northern lights over a frozen lake"));

        assertThat(result.getException()).isNull();
        String taskUUID = result.getMessage().getHeader("CamelSeedanceTaskUUID", String.class);
        assertThat(result.getMessage().getBody(String.class)).isEqualTo(taskUUID);
        Map<String, Object> task = SIMULATOR.requests().tasks("videoInference").get(0);
        assertThat(task).containsEntry("positivePrompt", "Northern lights over a frozen lake")
                .containsEntry("numberResults", 2).containsEntry("duration", 6)
                .containsEntry("width", 1280).containsEntry("height", 720)
                .containsEntry("webhookURL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/videos");

        // Runware posts each finished result to the webhook, with the video URL
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(WEBHOOK_BODIES).hasSize(2));
        for (String body : WEBHOOK_BODIES) {
            assertThat(body).contains(taskUUID).contains("videoURL");
        }
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
        assertThat(JSON.readTree(WEBHOOK_BODIES.get(0)).toString()).contains("\"status\":\"success\"");
    }
}
