package io.github.camelseedance.examples.benchmark;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;

/**
 * Runware's WebSocket transport in front of the simulator's REST API, for the official JavaScript SDK
 * ({@code @runware/sdk-js}), which speaks WebSocket only. The transport carries the same task objects and answer
 * envelopes as REST (spec: runware-protocol.md): each text message is a JSON array of tasks, answered by one message
 * {@code {"data":[...]}} or {@code {"errors":[...]}}. The bridge forwards every message, unchanged, as one
 * {@code POST /v1} to the simulator and sends the simulator's answer back, unchanged; so every SDK message is one
 * journaled request, counted like the other contenders' requests, and answered by the same task logic.
 * <p>
 * The little that is WebSocket's own: the first message must be the {@code authentication} task (the simulator answers
 * it, with a {@code connectionSessionUUID}); the key it carried authenticates the connection's later messages (sent
 * to the simulator as {@code Authorization: Bearer}); the SDK's heartbeat {@code [{"taskType":"ping","ping":true}]}
 * is answered {@code {"data":[{"taskType":"ping","pong":true}]}} here (not an API task: never forwarded, not
 * counted); a connection silent for 120 s is closed. Runs in the driver's JVM, on one Vert.x event loop, so its CPU is
 * never counted against a contender.
 */
final class WebSocketBridge implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PONG = "{\"data\":[{\"taskType\":\"ping\",\"pong\":true}]}";
    private static final int IDLE_SECONDS = 120;

    private final Vertx vertx;
    private final HttpServer server;
    private final HttpClient client;
    private final URI api;

    private WebSocketBridge(Vertx vertx, HttpServer server, HttpClient client, URI api) {
        this.vertx = vertx;
        this.server = server;
        this.client = client;
        this.api = api;
    }

    /** Listens on 127.0.0.1 and a free port, forwarding to the simulator's API URL ({@code http://host:port/v1}). */
    static WebSocketBridge start(String apiUrl, int connections)
            throws InterruptedException, ExecutionException, TimeoutException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections));
        URI api = URI.create(apiUrl);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setIdleTimeout(IDLE_SECONDS).setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(16 << 20));
        WebSocketBridge bridge = new WebSocketBridge(vertx, server, client, api);
        server.webSocketHandler(bridge::serve);
        server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return bridge;
    }

    /** The URL the SDK connects to. */
    String url() {
        return "ws://127.0.0.1:" + server.actualPort() + "/v1";
    }

    private void serve(ServerWebSocket ws) {
        AtomicReference<String> apiKey = new AtomicReference<>();
        ws.textMessageHandler(message -> {
            JsonNode tasks;
            try {
                tasks = JSON.readTree(message);
            } catch (Exception e) {
                tasks = null;
            }
            JsonNode first = tasks != null && tasks.isArray() && tasks.size() > 0 ? tasks.get(0) : null;
            String type = first == null ? "" : first.path("taskType").asText();
            if ("ping".equals(type)) {
                ws.writeTextMessage(PONG);
                return;
            }
            boolean authentication = "authentication".equals(type);
            if (!authentication && apiKey.get() == null) {
                ws.writeTextMessage("{\"errors\":[{\"code\":\"invalidApiKey\",\"message\":\"The first message on a "
                                    + "connection must be the authentication task.\",\"taskType\":\"" + type
                                    + "\"}]}");
                return;
            }
            String key = authentication ? first.path("apiKey").asText() : apiKey.get();
            forward(message, authentication ? null : key).onComplete(answer -> {
                if (answer.failed()) {
                    ws.close((short) 1011, "simulator unreachable: " + answer.cause().getMessage());
                    return;
                }
                if (authentication && answer.result().toString().contains("connectionSessionUUID")) {
                    apiKey.set(key);
                }
                ws.writeTextMessage(answer.result().toString());
            });
        });
    }

    private Future<Buffer> forward(String body, String bearer) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(api.getHost())
                .setPort(api.getPort()).setURI(api.getPath()).putHeader("Content-Type", "application/json");
        if (bearer != null) {
            request.putHeader("Authorization", "Bearer " + bearer);
        }
        return client.request(request).compose(r -> r.send(body)).compose(HttpClientResponse::body);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
