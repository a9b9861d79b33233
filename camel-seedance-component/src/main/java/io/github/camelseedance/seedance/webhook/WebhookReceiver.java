package io.github.camelseedance.seedance.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.runware.model.WebhookPayload;
import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.seedance.SeedanceWebhookConsumer;
import io.github.camelseedance.seedance.runtime.SeedanceRuntime;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Message;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spi.RestConsumerFactory;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the results Runware POSTs to the component's webhook, through the HTTP server of the runtime
 * (platform-http unless another server component is named): on platform-http's Vert.x router, straight as a route of
 * it ({@link VertxWebhookRoute}), else through the server component's {@link RestConsumerFactory} consumer. The
 * secret token (checked in constant time) and the declared size are checked before any byte of the body is read, and
 * the body is read at most up to the size cap.
 * Each result is taken once (duplicates are dropped through an {@link IdempotentRepository}) and goes to the exchange
 * waiting for its task, else to the {@code seedance:webhook} consumer when the task is one of the component's, else
 * it is kept in the task store for the instance holding the task, else it is answered and logged. Deliveries taken
 * and refused (by reason: token, size, body) are counted in the task monitor, and so in the metrics.
 */
public final class WebhookReceiver {

    /** The query parameter (or header) carrying the secret token. */
    static final String TOKEN_PARAMETER = "token";
    /** The platform-http option that leaves the body unread for the processor (Vert.x: the paused request). */
    private static final String UNREAD_BODY_OPTION = "useBodyHandler";

    private static final boolean PLATFORM_HTTP = ObjectHelper.loadClass(
            "org.apache.camel.component.platform.http.spi.PlatformHttpConsumerAware",
            WebhookReceiver.class.getClassLoader()) != null;
    private static final boolean VERTX_ROUTER = ObjectHelper.loadClass(
            "org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter",
            WebhookReceiver.class.getClassLoader()) != null;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

    private final SeedanceComponent component;
    private final SeedanceRuntime runtime;
    private Consumer httpConsumer;
    private VertxWebhookRoute vertxRoute;
    private SeedanceWebhookConsumer routeConsumer;

    public WebhookReceiver(SeedanceComponent component, SeedanceRuntime runtime) {
        this.component = component;
        this.runtime = runtime;
    }

    /** The webhookURL to send with a task: the public URL with the secret token. */
    public String callbackUrl() {
        String url = publicUrl();
        return url + (url.contains("?") ? "&" : "?") + TOKEN_PARAMETER + "="
               + URLEncoder.encode(component.getWebhookToken(), StandardCharsets.UTF_8);
    }

    /**
     * The webhookPublicUrl, checked: a malformed one fails here, quoted without any token, and never reaches a
     * request, a validation error or a log with the token added to it.
     */
    private String publicUrl() {
        String url = component.getWebhookPublicUrl();
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null
                && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "webhookPublicUrl " + URISupport.sanitizeUri(url) + " is not allowed: an absolute http:// or https:// "
                                           + "URL at which Runware reaches webhookPath, such as "
                                           + "https://videos.example.com/seedance/webhook (the component adds the "
                                           + "token)");
    }

    /**
     * Serves the webhook path once the CamelContext has started (its HTTP server is a service that starts with it),
     * or at once when it has started already.
     *
     * @throws IllegalArgumentException at once when webhookPublicUrl is set and malformed
     */
    public void listenOnceStarted() throws Exception {
        if (component.isWebhookMode()) {
            publicUrl();
        }
        component.getCamelContext().addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                if (alreadyStarted) {
                    listen();
                }
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                listen();
            }
        });
    }

    /** Starts serving the webhook path, unless it is served already. */
    private synchronized void listen() throws Exception {
        if (httpConsumer != null || vertxRoute != null) {
            return;
        }
        if (ObjectHelper.isEmpty(component.getWebhookToken())) {
            throw new IllegalArgumentException(
                    "webhookToken is required to receive webhooks: it is the secret Runware sends back in the "
                                               + "webhook URL, without which anyone could post results");
        }
        CamelContext context = component.getCamelContext();
        Component server = httpServer(context);
        if (VERTX_ROUTER) {
            vertxRoute = VertxWebhookRoute.serve(context, server, component.getWebhookPath(), this,
                    this::failureHandler);
        }
        if (vertxRoute == null) {
            httpConsumer = ((RestConsumerFactory) server).createConsumer(context, this::onRequest, "POST",
                    component.getWebhookPath(), null, "application/json", null, context.getRestConfiguration(),
                    unreadBody(server));
            ServiceHelper.startService(httpConsumer);
            if (routeConsumer != null) {
                nest(httpConsumer, routeConsumer);
            }
        }
        LOG.info("Seedance webhook receiver listening on POST {}{}", component.getWebhookPath(),
                vertxRoute != null ? " (on the Vert.x router of platform-http)" : "");
    }

    public synchronized void stop() {
        if (vertxRoute != null) {
            vertxRoute.remove();
            vertxRoute = null;
        }
        ServiceHelper.stopService(httpConsumer);
        httpConsumer = null;
    }

    /**
     * Where a failure to take a delivery goes (it is answered 500, and Runware delivers again): the
     * {@code seedance:webhook} endpoint's exception handler (bridgeErrorHandler, exceptionHandler) while it is
     * consumed, else the log.
     */
    private synchronized ExceptionHandler failureHandler() {
        return routeConsumer != null
                ? routeConsumer.getExceptionHandler()
                : new LoggingExceptionHandler(component.getCamelContext(), WebhookReceiver.class);
    }

    /**
     * Makes the consumer the one that routes the results no exchange waits for; the HTTP consumer takes its
     * endpoint's consumer options (bridgeErrorHandler, exceptionHandler).
     *
     * @throws IllegalStateException when another {@code seedance:webhook} consumer of this component runs
     */
    public synchronized void register(SeedanceWebhookConsumer consumer) throws Exception {
        if (routeConsumer != null && routeConsumer != consumer) {
            throw new IllegalStateException(
                    "Route " + consumer.getRouteId() + " cannot consume seedance:webhook: route "
                                            + routeConsumer.getRouteId() + " consumes it already, and each result "
                                            + "of a seedance component goes to one route. Consume it in one route and "
                                            + "fan out from there (multicast, recipientList), or give the other route "
                                            + "a seedance component of its own");
        }
        routeConsumer = consumer;
        if (httpConsumer != null) {
            nest(httpConsumer, consumer);
        }
    }

    /**
     * Gives the started HTTP consumer (and, on platform-http, its engine's consumer, which handles the failures) the
     * consumer options of the seedance:webhook endpoint.
     */
    private static void nest(Consumer http, SeedanceWebhookConsumer consumer) throws Exception {
        List<Consumer> nested = PLATFORM_HTTP ? PlatformHttpConsumers.of(http) : List.of(http);
        for (Consumer each : nested) {
            consumer.getEndpoint().configureNestedConsumer(each);
        }
    }

    /** The consumer stopped; the path stays served when generate waits for webhooks. */
    public synchronized void unregister(SeedanceWebhookConsumer consumer) {
        if (routeConsumer == consumer) {
            routeConsumer = null;
            if (!component.isWebhookMode()) {
                stop();
            }
        }
    }

    /** Answers one POST of Runware that came through a server component's consumer. */
    private void onRequest(Exchange http) throws Exception {
        Message request = http.getMessage();
        WebhookAnswer refusal = refuseToken(tokenOf(request));
        if (refusal == null) {
            refusal = refuseDeclaredLength(request.getHeader(Exchange.CONTENT_LENGTH, Long.class));
        }
        if (refusal != null) {
            respond(http, refusal);
            return;
        }
        byte[] body;
        try {
            body = WebhookBody.read(request, component.getWebhookMaxBodySize());
        } catch (IOException e) {
            respond(http, refuseBody(e));
            return;
        }
        respond(http, take(body));
    }

    /**
     * @param  given the token the delivery carries, {@code null} when it carries none
     * @return       the 401 answer when it is not the webhookToken (checked in constant time), else {@code null}
     */
    WebhookAnswer refuseToken(String given) {
        byte[] expected = component.getWebhookToken().getBytes(StandardCharsets.UTF_8);
        byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(expected, actual)) {
            return null;
        }
        LOG.warn("Refused a webhook delivery with a missing or wrong token");
        runtime.monitor().webhookRefused("token");
        return new WebhookAnswer(401, "invalid token");
    }

    /** @return the 413 answer when the declared Content-Length is above webhookMaxBodySize, else {@code null} */
    WebhookAnswer refuseDeclaredLength(Long declared) {
        return declared != null && declared > maxBodySize()
                ? refuseBody(new WebhookBody.TooLargeException(maxBodySize()))
                : null;
    }

    /** @return the answer to a body that could not be read whole: 413 when it is too large, else 400 */
    WebhookAnswer refuseBody(IOException problem) {
        LOG.warn("Refused a webhook delivery: {}", problem.getMessage());
        if (problem instanceof WebhookBody.TooLargeException) {
            runtime.monitor().webhookRefused("size");
            return new WebhookAnswer(413, problem.getMessage());
        }
        runtime.monitor().webhookRefused("body");
        return new WebhookAnswer(400, problem.getMessage());
    }

    /** The webhookMaxBodySize: the most bytes of a body that are read. */
    int maxBodySize() {
        return component.getWebhookMaxBodySize();
    }

    /**
     * Takes the results of one delivery whose token and size passed: each goes to its waiting exchange, the
     * seedance:webhook consumer or the task store, once.
     *
     * @return           200 when every result is taken (or was already), 400 for a malformed body, 500 when one
     *                   could not be handed on (Runware delivers again)
     * @throws Exception when the idempotent repository fails
     */
    WebhookAnswer take(byte[] body) throws Exception {
        List<TaskStatus> statuses;
        try {
            statuses = WebhookPayload.read(body);
            statuses.forEach(WebhookReceiver::checkVideoUrls);
        } catch (RunwareException | IllegalArgumentException e) {
            LOG.warn("Refused a malformed webhook delivery: {}", e.getMessage());
            runtime.monitor().webhookRefused("body");
            return new WebhookAnswer(400, e.getMessage());
        }
        runtime.monitor().webhookReceived();
        IdempotentRepository seen = runtime.webhookIdempotentRepository();
        for (TaskStatus status : statuses) {
            String key = deliveryKey(status);
            if (!seen.add(key)) {
                LOG.debug("Dropped a duplicate webhook delivery {}", key);
                continue;
            }
            try {
                handle(status, body);
                seen.confirm(key);
            } catch (Exception e) {
                seen.remove(key);
                LOG.debug("Webhook delivery for task {} failed; Runware will deliver it again", status.taskUUID(), e);
                return new WebhookAnswer(500, "delivery failed");
            }
        }
        return WebhookAnswer.TAKEN;
    }

    private void handle(TaskStatus status, byte[] body) throws Exception {
        if (runtime.offerToWaitingExchange(status)) {
            LOG.debug("Webhook result for task {} taken by its waiting exchange", status.taskUUID());
            return;
        }
        if (deliverToConsumer(status)) {
            return;
        }
        if (runtime.taskJournal().keepForHolder(status.taskUUID(), new String(body, StandardCharsets.UTF_8))) {
            LOG.debug("Webhook result for task {} recorded for the instance holding it", status.taskUUID());
            return;
        }
        LOG.warn("Webhook delivery for unknown task {} answered and not routed", status.taskUUID());
    }

    /** Routes a result through the seedance:webhook consumer, when one runs and the task is the component's. */
    public boolean deliverToConsumer(TaskStatus status) throws Exception {
        SeedanceWebhookConsumer consumer;
        synchronized (this) {
            consumer = routeConsumer;
        }
        return consumer != null && consumer.deliver(status);
    }

    /** A video URL the component cannot download is a bad delivery (400), not a failure to retry (500). */
    private static void checkVideoUrls(TaskStatus status) {
        for (VideoItem item : status.items()) {
            URI url = item.videoURL();
            if (url == null || !url.isAbsolute() || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
                throw new IllegalArgumentException("the videoURL of task " + status.taskUUID()
                                                   + " is not an absolute http(s) URL: " + url);
            }
        }
    }

    /** One delivery of a task: the results it carries, videos and failures, by their result keys. */
    private static String deliveryKey(TaskStatus status) {
        List<String> results = new ArrayList<>();
        status.items().forEach(item -> results.add(item.resultKey()));
        status.failures().forEach(failure -> results.add(failure.resultKey()));
        return status.taskUUID() + "/" + String.join("+", results);
    }

    /** The token of a delivery: its query parameter (or header), {@code null} when it has none. */
    private static String tokenOf(Message request) {
        String given = request.getHeader(TOKEN_PARAMETER, String.class);
        if (given == null) {
            String query = request.getHeader(Exchange.HTTP_QUERY, String.class);
            if (query != null) {
                try {
                    Object value = URISupport.parseQuery(query).get(TOKEN_PARAMETER);
                    given = value == null ? null : value.toString();
                } catch (Exception e) {
                    given = null;
                }
            }
        }
        return given;
    }

    private static void respond(Exchange http, WebhookAnswer answer) {
        Message message = http.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain");
        message.setBody(answer.text());
    }

    private Component httpServer(CamelContext context) {
        String name = component.getHttpServerComponent();
        if (name == null && context.getRestConfiguration() != null) {
            name = context.getRestConfiguration().getComponent();
        }
        Component server = context.getComponent(name != null ? name : "platform-http", true);
        if (server instanceof RestConsumerFactory) {
            return server;
        }
        throw new IllegalStateException(
                "No HTTP server to receive webhooks: add camel-platform-http-main (or another HTTP server component "
                                        + "and name it in httpServerComponent)");
    }

    /**
     * Asks the server to leave the body unread (platform-http's useBodyHandler=false), so that the token and the size
     * are checked before it is read; servers without that option read it first.
     */
    private static Map<String, Object> unreadBody(Component server) {
        Map<String, Object> parameters = new HashMap<>();
        PropertyConfigurer configurer = server.getEndpointPropertyConfigurer();
        if (configurer instanceof PropertyConfigurerGetter options
            && options.getOptionType(UNREAD_BODY_OPTION, true) != null) {
            parameters.put(UNREAD_BODY_OPTION, "false");
        }
        return parameters;
    }
}
