package io.github.camelseedance.seedance.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.TaskStatus;
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
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.RestConsumerFactory;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the results Runware POSTs to the component's webhook, through the HTTP server of the runtime
 * (platform-http unless another server component is named). A delivery must carry the secret token (checked in
 * constant time) and stay under the size cap. Each result is taken once (duplicates are dropped through an
 * {@link IdempotentRepository}) and goes to the exchange waiting for its task, else to the {@code seedance:webhook}
 * consumer when the task is one of the component's, else it is answered and logged. Deliveries taken and refused
 * (by reason: token, size, body) are counted in the task monitor, and so in the metrics.
 */
public final class WebhookReceiver {

    /** The query parameter (or header) carrying the secret token. */
    static final String TOKEN_PARAMETER = "token";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

    private final SeedanceComponent component;
    private final SeedanceRuntime runtime;
    private Consumer httpConsumer;
    private volatile SeedanceWebhookConsumer routeConsumer;

    public WebhookReceiver(SeedanceComponent component, SeedanceRuntime runtime) {
        this.component = component;
        this.runtime = runtime;
    }

    /** The webhookURL to send with a task: the public URL with the secret token. */
    public String callbackUrl() {
        String url = component.getWebhookPublicUrl();
        return url + (url.contains("?") ? "&" : "?") + TOKEN_PARAMETER + "="
               + URLEncoder.encode(component.getWebhookToken(), StandardCharsets.UTF_8);
    }

    /**
     * Serves the webhook path once the CamelContext has started (its HTTP server is a service that starts with it),
     * or at once when it has started already.
     */
    public void listenOnceStarted() throws Exception {
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
        if (httpConsumer != null) {
            return;
        }
        if (ObjectHelper.isEmpty(component.getWebhookToken())) {
            throw new IllegalArgumentException(
                    "webhookToken is required to receive webhooks: it is the secret Runware sends back in the "
                                               + "webhook URL, without which anyone could post results");
        }
        CamelContext context = component.getCamelContext();
        RestConsumerFactory factory = restConsumerFactory(context);
        httpConsumer = factory.createConsumer(context, this::onRequest, "POST", component.getWebhookPath(), null,
                "application/json", null, context.getRestConfiguration(), Collections.emptyMap());
        ServiceHelper.startService(httpConsumer);
        LOG.info("Seedance webhook receiver listening on POST {}", component.getWebhookPath());
    }

    public synchronized void stop() {
        ServiceHelper.stopService(httpConsumer);
        httpConsumer = null;
    }

    public void register(SeedanceWebhookConsumer consumer) {
        routeConsumer = consumer;
    }

    public void unregister(SeedanceWebhookConsumer consumer) {
        if (routeConsumer == consumer) {
            routeConsumer = null;
        }
    }

    /** Answers one POST of Runware. */
    private void onRequest(Exchange http) {
        if (!tokenMatches(http.getMessage())) {
            LOG.warn("Refused a webhook delivery with a missing or wrong token");
            runtime.monitor().webhookRefused("token");
            respond(http, 401, "invalid token");
            return;
        }
        String body;
        try {
            body = readCapped(http);
        } catch (IOException e) {
            LOG.warn("Refused a webhook delivery: {}", e.getMessage());
            runtime.monitor().webhookRefused("size");
            respond(http, 413, e.getMessage());
            return;
        }
        List<TaskStatus> statuses;
        try {
            statuses = WebhookPayload.read(body);
        } catch (RunwareException e) {
            runtime.monitor().webhookRefused("body");
            respond(http, 400, e.getMessage());
            return;
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
                LOG.warn("Webhook delivery for task {} failed; Runware will deliver it again", status.taskUUID(), e);
                respond(http, 500, "delivery failed");
                return;
            }
        }
        respond(http, 200, "");
    }

    private void handle(TaskStatus status, String body) throws Exception {
        if (runtime.offerToWaitingExchange(status)) {
            LOG.debug("Webhook result for task {} taken by its waiting exchange", status.taskUUID());
            return;
        }
        if (deliverToConsumer(status)) {
            return;
        }
        if (runtime.taskJournal().keepForHolder(status.taskUUID(), body)) {
            LOG.debug("Webhook result for task {} recorded for the instance holding it", status.taskUUID());
            return;
        }
        LOG.warn("Webhook delivery for unknown task {} answered and not routed", status.taskUUID());
    }

    /** Routes a result through the seedance:webhook consumer, when one runs and the task is the component's. */
    public boolean deliverToConsumer(TaskStatus status) throws Exception {
        SeedanceWebhookConsumer consumer = routeConsumer;
        return consumer != null && consumer.deliver(status);
    }

    /** One delivery of a task: the results it carries, videos and failures, by their result keys. */
    private static String deliveryKey(TaskStatus status) {
        List<String> results = new ArrayList<>();
        status.items().forEach(item -> results.add(item.resultKey()));
        status.failures().forEach(failure -> results.add(failure.resultKey()));
        return status.taskUUID() + "/" + String.join("+", results);
    }

    private boolean tokenMatches(Message request) {
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
        byte[] expected = component.getWebhookToken().getBytes(StandardCharsets.UTF_8);
        byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, actual);
    }

    private String readCapped(Exchange http) throws IOException {
        int max = component.getWebhookMaxBodySize();
        Object body = http.getMessage().getBody();
        byte[] bytes;
        if (body instanceof byte[] array) {
            bytes = array;
        } else if (body instanceof InputStream stream) {
            try (InputStream in = stream) {
                bytes = in.readNBytes(max + 1);
            }
        } else {
            String text = http.getMessage().getBody(String.class);
            bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > max) {
            throw new IOException("the body is larger than webhookMaxBodySize (" + max + " bytes)");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void respond(Exchange http, int status, String text) {
        Message message = http.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain");
        message.setBody(text);
    }

    private RestConsumerFactory restConsumerFactory(CamelContext context) {
        String name = component.getHttpServerComponent();
        if (name == null && context.getRestConfiguration() != null) {
            name = context.getRestConfiguration().getComponent();
        }
        Component server = context.getComponent(name != null ? name : "platform-http", true);
        if (server instanceof RestConsumerFactory factory) {
            return factory;
        }
        throw new IllegalStateException(
                "No HTTP server to receive webhooks: add camel-platform-http-main (or another HTTP server component "
                                        + "and name it in httpServerComponent)");
    }
}
