package io.github.camelseedance.seedance.webhook;

import java.io.IOException;
import java.util.function.Supplier;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.ExceptionHandler;

/**
 * The webhook path served straight on the Vert.x router of platform-http, when that is the HTTP server: the token and
 * the declared size are checked and the body is read (up to the cap) on the event loop, as it arrives, and only the
 * results are taken on a Vert.x worker thread ({@link WebhookReceiver#take} may block on a JDBC task store or the
 * {@code seedance:webhook} route). A platform-http consumer would make a Camel exchange of every delivery, copy its
 * headers, move it to a worker thread, wait there for the body read on the event loop, and write the answer back
 * through its header filter: four thread hand-overs per delivery instead of two. Routes of the server's router (its
 * CORS, authentication and body handlers configured on the server) apply to this path as to platform-http's own.
 * Loaded only when camel-platform-http-vertx is on the class path.
 */
final class VertxWebhookRoute {

    private final Route route;

    private VertxWebhookRoute(Route route) {
        this.route = route;
    }

    /**
     * Serves {@code POST path} on the server's Vert.x router.
     *
     * @param  failures the exception handler of a failure to take a delivery (answered 500)
     * @return          the route, or {@code null} when the server is not platform-http on a Vert.x router
     */
    static VertxWebhookRoute serve(
                                   CamelContext context, Component server, String path, WebhookReceiver receiver,
                                   Supplier<ExceptionHandler> failures) {
        VertxPlatformHttpEngine engine = vertxEngineOf(context, server);
        VertxPlatformHttpRouter router = engine == null ? null : routerOf(context, engine);
        if (router == null) {
            return null;
        }
        Route route = router.route(HttpMethod.POST, path).consumes("application/json");
        // the engine's handlers, which it gives every platform-http route too
        engine.getHandlers().forEach(route::handler);
        route.handler(ctx -> new Delivery(ctx, receiver, failures, path).start());
        return new VertxWebhookRoute(route);
    }

    private static VertxPlatformHttpEngine vertxEngineOf(CamelContext context, Component server) {
        if (!(server instanceof PlatformHttpComponent platformHttp)) {
            return null;
        }
        PlatformHttpEngine engine = platformHttp.getEngine();
        if (engine == null) {
            engine = context.getRegistry().lookupByNameAndType(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME,
                    PlatformHttpEngine.class);
        }
        return engine instanceof VertxPlatformHttpEngine vertx ? vertx : null;
    }

    /** The router as platform-http's consumers find it: by the server's port, else that of a server on port 0. */
    private static VertxPlatformHttpRouter routerOf(CamelContext context, VertxPlatformHttpEngine engine) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(engine.getServerPort()));
        return router != null
                ? router
                : VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO);
    }

    /** Stops serving the path. */
    void remove() {
        route.remove();
    }

    /** One POST, from its headers to its answer: its handlers all run on the connection's event loop. */
    private static final class Delivery {
        private final RoutingContext ctx;
        private final HttpServerRequest request;
        private final WebhookReceiver receiver;
        private final Supplier<ExceptionHandler> failures;
        private final String path;
        private final Buffer received = Buffer.buffer();
        private boolean answered;
        private long readTimer = -1;

        Delivery(RoutingContext ctx, WebhookReceiver receiver, Supplier<ExceptionHandler> failures, String path) {
            this.ctx = ctx;
            this.request = ctx.request();
            this.receiver = receiver;
            this.failures = failures;
            this.path = path;
        }

        void start() {
            String token = request.getParam(WebhookReceiver.TOKEN_PARAMETER);
            WebhookAnswer refusal = receiver.refuseToken(
                    token != null ? token : request.getHeader(WebhookReceiver.TOKEN_PARAMETER));
            if (refusal == null) {
                refusal = receiver.refuseDeclaredLength(declaredLength());
            }
            if (refusal != null) {
                answer(refusal);
                return;
            }
            if (request.isEnded()) {
                // a body handler of the server's router read it already
                RequestBody body = ctx.body();
                Buffer buffer = body == null ? null : body.buffer();
                if (VertxRequestBody.appendUpTo(received, buffer == null ? Buffer.buffer() : buffer,
                        receiver.maxBodySize())) {
                    answer(receiver.refuseBody(new WebhookBody.TooLargeException(receiver.maxBodySize())));
                } else {
                    take();
                }
                return;
            }
            readTimer = ctx.vertx().setTimer(WebhookBody.READ_TIMEOUT.toMillis(), id -> {
                readTimer = -1;
                answer(receiver.refuseBody(new IOException(
                        "the body did not arrive within " + WebhookBody.READ_TIMEOUT.toSeconds() + " s")));
                request.connection().close();
            });
            request.exceptionHandler(
                    e -> answer(receiver.refuseBody(new IOException("reading the body failed: " + e, e))));
            request.handler(this::append);
            request.endHandler(ignored -> {
                if (!answered) {
                    take();
                }
            });
            request.resume();
        }

        /** Keeps at most one byte past the cap; the rest of an oversized body is discarded as it arrives. */
        private void append(Buffer chunk) {
            if (answered) {
                return;
            }
            if (VertxRequestBody.appendUpTo(received, chunk, receiver.maxBodySize())) {
                answer(receiver.refuseBody(new WebhookBody.TooLargeException(receiver.maxBodySize())));
            }
        }

        private Long declaredLength() {
            String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            try {
                return declared == null ? null : Long.valueOf(declared.trim());
            } catch (NumberFormatException e) {
                // Vert.x refuses such a request itself; the cap holds anyway when the body is read
                return null;
            }
        }

        /** Takes the results on a worker thread (they may go to a JDBC store or a route) and answers from there. */
        private void take() {
            cancelReadTimer();
            byte[] body = received.getBytes();
            Vertx vertx = ctx.vertx();
            vertx.executeBlocking(() -> receiver.take(body), false).onComplete(taken -> {
                if (taken.succeeded()) {
                    answer(taken.result());
                } else {
                    failures.get().handleException("Failed handling a webhook delivery on " + path, taken.cause());
                    answer(new WebhookAnswer(500, "delivery failed"));
                }
            });
        }

        private void answer(WebhookAnswer answer) {
            if (answered) {
                return;
            }
            answered = true;
            cancelReadTimer();
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(answer.status()).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                        .end(answer.text());
            }
        }

        private void cancelReadTimer() {
            if (readTimer != -1) {
                ctx.vertx().cancelTimer(readTimer);
                readTimer = -1;
            }
        }
    }
}
