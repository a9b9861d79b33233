package io.github.camelseedance.examples.http;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import io.github.camelseedance.simulator.UploadCall;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Videos delivered to an HTTP endpoint: a real in-process HTTP server receives them, either POSTed by camel-http or
 * PUT by the Runware simulator through {@code uploadEndpoint}.
 */
class HttpDeliveryTest {

    private static final int VIDEO_BYTES = 200_000;

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(200))
            .syntheticVideos(VIDEO_BYTES)
            .deliveryRetry(3, Duration.ofMillis(100))
            .build();

    @TempDir
    Path dir;

    private LocalReceiver dam;
    private Main main;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        dam = LocalReceiver.start(0, dir.resolve("received"));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.component.seedance.configuration.api-key", SIM.apiKey());
        properties.put("camel.component.seedance.configuration.base-url", SIM.baseUrl());
        properties.put("camel.component.seedance.configuration.initial-poll-delay", "100");
        properties.put("camel.component.seedance.configuration.poll-interval", "100");
        properties.put("http.damUrl", dam.url("/assets"));
        properties.put("http.uploadBaseUrl", dam.url("/uploads"));
        properties.put("http.inbox", dir.resolve("inbox").toString());
        main = HttpDeliveryMain.create(properties);
        main.start();
        template = main.getCamelTemplate();
    }

    @AfterEach
    void stop() {
        main.stop();
        dam.close();
    }

    @Test
    void camelHttpPostsTheVideoWithItsNameAndMetadata() throws Exception {
        Exchange result = template.request("direct:post", exchange -> {
            exchange.getMessage().setBody("A red fox running through fresh snow, golden hour");
            exchange.getMessage().setHeader(Exchange.FILE_NAME, "fox.txt");
        });

        assertThat(result.getException()).isNull();
        List<LocalReceiver.Received> received = dam.received();
        assertThat(received).hasSize(1);
        LocalReceiver.Received post = received.get(0);
        String taskUUID = result.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/assets");
        assertThat(post.queryParameter("name")).isEqualTo("fox.mp4");
        assertThat(post.header("Content-Type")).startsWith("video/mp4");
        assertThat(post.header("Content-Length")).isEqualTo(String.valueOf(VIDEO_BYTES));
        assertThat(post.header("X-Asset-Name")).isEqualTo("fox.mp4");
        assertThat(post.header("X-Seedance-Task-UUID")).isEqualTo(taskUUID);
        assertThat(post.header("X-Seedance-Seed")).isNotBlank();
        assertThat(new BigDecimal(post.header("X-Seedance-Cost"))).isEqualByComparingTo("0.18");
        assertThat(URLDecoder.decode(post.header("X-Seedance-Prompt"), StandardCharsets.UTF_8))
                .isEqualTo("A red fox running through fresh snow, golden hour");
        assertThat(post.headers().keySet()).noneMatch(name -> name.startsWith("Camel"));
        assertThat(post.body()).hasSize(VIDEO_BYTES).isEqualTo(servedVideo(result));
        assertThat(dir.resolve("received/fox.mp4")).hasBinaryContent(post.body());
        assertThat(result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(201);
        assertThat(result.getMessage().getBody(String.class)).contains("\"name\":\"fox.mp4\"");
    }

    @Test
    void promptDroppedIntoTheInboxArrivesAtTheEndpoint() throws Exception {
        Files.createDirectories(dir.resolve("inbox"));
        Files.writeString(dir.resolve("inbox/owl.txt"), "An owl blinking on a branch at night");

        await().atMost(Duration.ofSeconds(30)).until(() -> dam.received().size() == 1);

        LocalReceiver.Received post = dam.received().get(0);
        assertThat(post.queryParameter("name")).isEqualTo("owl.mp4");
        assertThat(post.body()).hasSize(VIDEO_BYTES);
        assertThat(SIM.requests().tasks("videoInference")).singleElement()
                .satisfies(task -> assertThat(task).containsEntry("positivePrompt",
                        "An owl blinking on a branch at night"));
        await().untilAsserted(() -> assertThat(dir.resolve("inbox/.done/owl.txt")).exists());
    }

    @Test
    void runwarePutsTheVideoToTheUploadEndpoint() throws Exception {
        Exchange result = template.request("direct:upload", exchange -> {
            exchange.getMessage().setBody("A hot air balloon over a canyon");
            exchange.getMessage().setHeader(Exchange.FILE_NAME, "balloon.txt");
        });

        assertThat(result.getException()).isNull();
        String uploadUrl = dam.url("/uploads/balloon.mp4");
        assertThat(SIM.requests().tasks("videoInference")).singleElement()
                .satisfies(task -> assertThat(task).containsEntry("uploadEndpoint", uploadUrl));
        await().atMost(Duration.ofSeconds(30)).until(() -> dam.received().size() == 1);
        LocalReceiver.Received put = dam.received().get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/uploads/balloon.mp4");
        assertThat(put.body()).hasSize(VIDEO_BYTES).isEqualTo(servedVideo(result));
        assertThat(dir.resolve("received/balloon.mp4")).hasBinaryContent(put.body());
        await().untilAsserted(() -> assertThat(SIM.requests().uploadCalls())
                .containsExactly(new UploadCall(uploadUrl, VIDEO_BYTES, 1, 201)));
        // nothing was downloaded here: the file went straight from Runware to the endpoint
        assertThat(SIM.requests().mediaDownloads()).isEqualTo(1); // the test's own GET below
    }

    /** The video as the simulator serves it at its URL. */
    private static byte[] servedVideo(Exchange result) throws Exception {
        String url = result.getMessage().getHeader(SeedanceConstants.VIDEO_URL, String.class);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
