package io.github.camelseedance.examples.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket transport the official SDK contender talks through: messages reach the simulator unchanged, one
 * journaled request each, and its answers come back unchanged; authentication first; pings answered, not forwarded.
 */
class WebSocketBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "6f0c3b8e-1d2a-4c5b-9e7f-0a1b2c3d4e5f";

    private RunwareSimulator sim;
    private WebSocketBridge bridge;
    private WebSocket socket;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        sim = RunwareSimulator.builder().renderTime(Duration.ofMillis(200)).renderSpread(Duration.ZERO).build()
                .start();
        bridge = WebSocketBridge.start(sim.baseUrl(), 2);
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(bridge.url()), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            answers.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        socket.abort();
        bridge.close();
        sim.close();
    }

    @Test
    void forwardsEachMessageAsOneRequestAfterAuthentication() throws Exception {
        send("[{\"taskType\":\"getResponse\",\"taskUUID\":\"" + UUID + "\"}]");
        assertThat(answer().path("errors").get(0).path("code").asText()).isEqualTo("invalidApiKey");
        assertThat(sim.requests().apiRequests()).isEmpty();

        send("[{\"taskType\":\"authentication\",\"apiKey\":\"" + sim.apiKey() + "\"}]");
        assertThat(answer().path("data").get(0).path("connectionSessionUUID").asText()).isNotBlank();

        send("[{\"taskType\":\"videoInference\",\"taskUUID\":\"" + UUID + "\",\"deliveryMethod\":\"async\","
             + "\"model\":\"bytedance:seedance@2.0-mini\",\"positivePrompt\":\"A paper boat on a river\","
             + "\"duration\":5,\"width\":864,\"height\":496}]");
        assertThat(answer().path("data").get(0).path("taskUUID").asText()).isEqualTo(UUID);

        send("[{\"taskType\":\"ping\",\"ping\":true}]");
        JsonNode pong = answer().path("data").get(0);
        assertThat(pong.path("taskType").asText()).isEqualTo("ping");
        assertThat(pong.path("pong").asBoolean()).isTrue();

        // the SDK's own poll loop, shortened
        JsonNode item = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            send("[{\"taskType\":\"getResponse\",\"taskUUID\":\"" + UUID + "\"}]");
            return answer().path("data").get(0);
        }, polled -> !"processing".equals(polled.path("status").asText()));
        assertThat(item.path("status").asText()).isEqualTo("success");
        assertThat(item.path("videoURL").asText()).startsWith("http://127.0.0.1:" + sim.port() + "/media/");

        // authentication, the submit and every poll reached the simulator; the ping did not
        assertThat(sim.requests().apiRequests()).hasSize(2 + sim.requests().count("getResponse"));
        assertThat(sim.requests().count("videoInference")).isEqualTo(1);
    }

    private void send(String text) {
        socket.sendText(text, true).join();
    }

    private JsonNode answer() throws Exception {
        String text = answers.poll(10, TimeUnit.SECONDS);
        assertThat(text).as("an answer within 10 s").isNotNull();
        return JSON.readTree(text);
    }
}
