package io.github.camelseedance.examples.studio;

import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * {@code GET /api/events}: the queue as server-sent events, on the platform-http server's own Vert.x router. A
 * Camel route cannot stream them: platform-http-vertx sends an {@code InputStream} body 8 KiB at a time, so events
 * would wait for the buffer to fill. Here each event is written as it happens: first {@code state} (everything, as
 * {@code /api/state}), then {@code job} for each job that changes and {@code spend} after each finished one, and a
 * comment every 15 s so that proxies keep the connection open. Registered when the Camel context has started, which
 * is when the server's router exists.
 */
final class StudioEvents extends EventNotifierSupport {

    static final String PATH = "/api/events";
    private static final long KEEP_ALIVE_MS = 15_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudioJobs jobs;
    private final StudioState state;

    StudioEvents(StudioJobs jobs, StudioState state) {
        this.jobs = jobs;
        this.state = state;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStartedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        MainHttpServer server = getCamelContext().hasService(MainHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("The studio's page needs Camel Main's HTTP server (camel.server.enabled)");
        }
        VertxPlatformHttpRouter router = server.getRouter();
        router.get(PATH).handler(this::stream);
    }

    private void stream(RoutingContext context) {
        HttpServerResponse response = context.response();
        response.setChunked(true);
        response.putHeader("Content-Type", "text/event-stream; charset=utf-8");
        response.putHeader("Cache-Control", "no-store");
        response.putHeader("X-Accel-Buffering", "no");
        // the page reconnects after a second when the stream breaks
        response.write("retry: 1000\n\n");
        send(response, "state", state.snapshot());
        Consumer<StudioJob> listener = job -> {
            send(response, "job", StudioState.job(job));
            if (!job.active()) {
                send(response, "spend", state.spend());
            }
        };
        jobs.listen(listener);
        Vertx vertx = context.vertx();
        long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MS, id -> {
            if (!response.closed()) {
                response.write(": keep-alive\n\n");
            }
        });
        response.closeHandler(closed -> {
            jobs.unlisten(listener);
            vertx.cancelTimer(keepAlive);
        });
    }

    private static void send(HttpServerResponse response, String event, Map<String, Object> data) {
        if (response.closed() || response.ended()) {
            return;
        }
        try {
            response.write("event: " + event + "\ndata: " + JSON.writeValueAsString(data) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the " + event + " event", e);
        }
    }
}
