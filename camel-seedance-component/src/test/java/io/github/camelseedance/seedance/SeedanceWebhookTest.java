package io.github.camelseedance.seedance;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelseedance.runware.error.RunwareProviderException;
import io.github.camelseedance.seedance.cost.BudgetUsage;
import io.github.camelseedance.seedance.monitor.SeedanceMetrics;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import io.github.camelseedance.simulator.WebhookCall;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook mode: results arrive by webhook with zero polls, duplicates are dropped, lost webhooks fall back to polling,
 * bad tokens and oversized bodies are refused, and the seedance:webhook consumer routes the results of submitted
 * tasks.
 */
class SeedanceWebhookTest extends CamelTestSupport {

    private static final String TOKEN = "s3cr3t-t0ken";
    private static final String PROMPT = "A hummingbird in slow motion";

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300))
            .syntheticVideos(2048)
            .deliveryRetry(5, Duration.ofMillis(100))
            .seed(11L)
            .build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private VertxPlatformHttpServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        this.server = SimulatedSeedance.httpServer();
        context.addService(this.server);
        context.getRegistry().bind(SeedanceMetrics.CAMEL_REGISTRY_NAME, meters);

        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        component.setWebhookToken(TOKEN);
        component.setWebhookMaxBodySize(4096);
        component.setWebhookGracePeriod(60_000);
        context.addComponent("seedance", component);
        return context;
    }

    /** The webhook URL on the server's actual port; generate uses it from the first exchange on. */
    private String webhookUrl() {
        String url = "http://127.0.0.1:" + server.getPort() + "/seedance/webhook";
        context.getComponent("seedance", SeedanceComponent.class).setWebhookPublicUrl(url);
        return url;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate").to("mock:generated");
                from("direct:submit").to("seedance:submit");
                from("seedance:webhook").routeId("results")
                        .onException(RunwareProviderException.class).handled(true).to("mock:failed").end()
                        .to("mock:results");
            }
        };
    }

    @Test
    void generateWaitsForTheWebhookWithZeroPolls() throws Exception {
        webhookUrl();
        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(2048);
        assertThat(lastVideoTask().get("webhookURL")).isEqualTo(webhookUrl() + "?token=" + TOKEN);
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
        // the simulator journals a webhook call once it has read our answer
        await().until(() -> SIMULATOR.requests().webhookCalls().size() == 1);
        assertThat(SIMULATOR.requests().webhookCalls()).extracting(WebhookCall::status).containsOnly(200);
        getMockEndpoint("mock:results").expectedMessageCount(0);
        getMockEndpoint("mock:results").assertIsSatisfied();
    }

    @Test
    void onPlatformHttpDeliveriesAreServedOnItsVertxRouterWithoutAnExchangeEach() throws Exception {
        webhookUrl();
        List<Exchange> fromTheServer = new CopyOnWriteArrayList<>();
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                Exchange exchange = ((CamelEvent.ExchangeCreatedEvent) event).getExchange();
                if (exchange.getFromEndpoint() != null
                    && exchange.getFromEndpoint().getEndpointUri().startsWith("platform-http")) {
                    fromTheServer.add(exchange);
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeCreatedEvent;
            }
        });

        for (int i = 0; i < 3; i++) {
            Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));
            assertThat(exchange.getException()).isNull();
        }

        await().until(() -> SIMULATOR.requests().webhookCalls().size() == 3);
        assertThat(SIMULATOR.requests().webhookCalls()).extracting(WebhookCall::status).containsOnly(200);
        assertThat(fromTheServer).isEmpty();
    }

    @Test
    void severalResultsArriveOneByOne() {
        webhookUrl();
        Exchange exchange = template.request("direct:generate", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.NUMBER_RESULTS, 3);
        });

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(3);
        await().until(() -> SIMULATOR.requests().webhookCalls().size() == 3);
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
    }

    @Test
    void duplicateWebhooksAreDropped() {
        webhookUrl();
        SIMULATOR.faults().webhookDuplicateRate(1.0);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        await().until(() -> SIMULATOR.requests().webhookCalls().size() == 2);
        assertThat(SIMULATOR.requests().webhookCalls()).extracting(WebhookCall::status).containsOnly(200);
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
    }

    @Test
    void lostWebhooksFallBackToPolling() {
        webhookUrl();
        SIMULATOR.faults().webhookLossRate(1.0);
        context.getComponent("seedance", SeedanceComponent.class).setWebhookGracePeriod(200);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(2048);
        assertThat(SIMULATOR.requests().count("getResponse")).isPositive();
    }

    @Test
    void notFoundAnswersBeforeASlowSubmitIsAcknowledgedDoNotCountAgainstTheTask() {
        webhookUrl();
        context.getComponent("seedance", SeedanceComponent.class).setWebhookGracePeriod(20);
        // the submit is answered 503 with Retry-After: 1, so it lands a second later, after several polls
        SIMULATOR.faults().failNextRequests(503, 1);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(2048);
        assertThat(SIMULATOR.requests().count("getResponse")).isGreaterThanOrEqualTo(3);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void failedTaskArrivesByWebhookAsATypedException() {
        webhookUrl();
        SIMULATOR.faults().failNextTasks("providerError", 1);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isInstanceOf(RunwareProviderException.class);
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
    }

    @Test
    void aFailedResultByWebhookLeavesItsSiblingDelivered() {
        webhookUrl();
        SIMULATOR.faults().failResultOfNextTasks(0, "providerError", 1);

        Exchange exchange = template.request("direct:generate", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.NUMBER_RESULTS, 2);
        });

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(2048);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.FAILED_RESULT_COUNT)).isEqualTo(1);
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
        assertThat(SIMULATOR.requests().billedResults()).isEqualTo(1);
    }

    @Test
    void consumerRoutesTheSuccessfulResultOfAPartlyFailedTaskOnce() throws Exception {
        webhookUrl();
        MockEndpoint results = getMockEndpoint("mock:results");
        results.expectedMessageCount(1);
        SIMULATOR.faults().failResultOfNextTasks(1, "providerContentPolicyViolation", 1);

        String taskUUID = template.requestBodyAndHeader("direct:submit", PROMPT, SeedanceConstants.NUMBER_RESULTS, 2,
                String.class);

        results.assertIsSatisfied();
        await().until(() -> SIMULATOR.requests().webhookCalls().size() == 2);
        SeedanceComponent component = context.getComponent("seedance", SeedanceComponent.class);
        await().until(() -> component.runtime().taskJournal().get(taskUUID) == null);
        Exchange delivered = results.getReceivedExchanges().get(0);
        assertThat(delivered.getException()).isNull();
        assertThat(delivered.getMessage().getBody(SeedanceVideo.class).getTaskUUID()).isEqualTo(taskUUID);
        results.assertIsSatisfied();
        assertThat(SIMULATOR.requests().billedResults()).isEqualTo(1);
    }

    @Test
    void consumerRoutesATaskWhoseEveryResultFailedOnceAsItsException() throws Exception {
        webhookUrl();
        MockEndpoint failed = getMockEndpoint("mock:failed");
        failed.expectedMessageCount(1);
        SIMULATOR.faults().failResultOfNextTasks(0, "providerError", 1).failResultOfNextTasks(1, "providerError", 1);

        String taskUUID = template.requestBodyAndHeader("direct:submit", PROMPT, SeedanceConstants.NUMBER_RESULTS, 2,
                String.class);

        failed.assertIsSatisfied();
        await().until(() -> SIMULATOR.requests().webhookCalls().size() == 2);
        assertThat(failed.getReceivedExchanges().get(0).getMessage().getHeader(SeedanceConstants.TASK_UUID))
                .isEqualTo(taskUUID);
        assertThat(failed.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT))
                .isInstanceOf(RunwareProviderException.class);
        getMockEndpoint("mock:results").expectedMessageCount(0);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void consumerRoutesResultsOfSubmittedTasks() throws Exception {
        webhookUrl();
        MockEndpoint results = getMockEndpoint("mock:results");
        results.expectedMessageCount(2);

        String taskUUID = template.requestBodyAndHeader("direct:submit", PROMPT, Exchange.FILE_NAME, "bird.txt",
                String.class);
        template.sendBodyAndHeader("direct:submit", "Another " + PROMPT, SeedanceConstants.NUMBER_RESULTS, 1);

        results.assertIsSatisfied();
        Exchange first = results.getReceivedExchanges().stream()
                .filter(e -> taskUUID.equals(e.getMessage().getHeader(SeedanceConstants.TASK_UUID)))
                .findFirst().orElseThrow();
        assertThat(first.getMessage().getHeader(Exchange.FILE_NAME)).isEqualTo("bird.mp4");
        assertThat(first.getMessage().getHeader(SeedanceConstants.VIDEO_UUID)).isNotNull();
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
    }

    @Test
    void deliveriesWithAWrongTokenAreRefused() throws Exception {
        assertThat(post(webhookUrl() + "?token=guess", "{\"data\":[]}")).isEqualTo(401);
        assertThat(post(webhookUrl(), "{\"data\":[]}")).isEqualTo(401);
    }

    @Test
    void oversizedDeliveriesAreRefused() throws Exception {
        assertThat(post(webhookUrl() + "?token=" + TOKEN, "{\"data\":[" + "{}, ".repeat(2000) + "{}]}"))
                .isEqualTo(413);
    }

    @Test
    void deliveriesForUnknownTasksAreAnsweredAndNotRouted() throws Exception {
        String body = "{\"data\":[{\"taskType\":\"videoInference\",\"taskUUID\":\"2b0e8f6e-8f7c-4a9b-9d3e-1c2b3a4d5e6f\","
                      + "\"status\":\"success\",\"videoUUID\":\"v1\",\"videoURL\":\"http://127.0.0.1:9/v1.mp4\"}]}";

        assertThat(post(webhookUrl() + "?token=" + TOKEN, body)).isEqualTo(200);
        getMockEndpoint("mock:results").expectedMessageCount(0);
        getMockEndpoint("mock:results").assertIsSatisfied();
    }

    @Test
    void submittedTasksDeliveredByWebhookAreChargedOnceAtTheirRealCost() throws Exception {
        webhookUrl();
        MockEndpoint results = getMockEndpoint("mock:results");
        results.whenExchangeReceived(1, e -> {
            throw new IllegalStateException("the sink is down once");
        });
        results.expectedMessageCount(3); // two results, the first of them routed again after its 500

        String taskUUID = template.requestBody("seedance:submit?budget=5&budgetName=webhooks&numberResults=2", PROMPT,
                String.class);
        results.assertIsSatisfied();

        await().until(() -> SIMULATOR.requests().webhookCalls().stream().map(WebhookCall::status).toList()
                .containsAll(List.of(500, 200)));
        BigDecimal billed = SIMULATOR.simulator().task(taskUUID).orElseThrow().cost();
        SeedanceComponent seedance = context.getComponent("seedance", SeedanceComponent.class);
        BudgetUsage usage = seedance.runtime().budgets().ledger().usage("webhooks",
                YearMonth.now(ZoneOffset.UTC).toString());
        assertThat(usage.spent()).isEqualByComparingTo(billed);
        assertThat(usage.reserved()).isEqualByComparingTo("0");
        assertThat(seedance.runtime().monitor().spent().get("bytedance:seedance@2.0-mini"))
                .isEqualByComparingTo(billed);
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
    }

    @Test
    void webhookDeliveriesTakenAndRefusedAreCountedInTheMonitorAndTheMetrics() throws Exception {
        String unknownTask = "{\"data\":[{\"taskType\":\"videoInference\",\"taskUUID\":"
                             + "\"2b0e8f6e-8f7c-4a9b-9d3e-1c2b3a4d5e6f\",\"status\":\"success\",\"videoUUID\":\"v1\","
                             + "\"videoURL\":\"http://127.0.0.1:9/v1.mp4\"}]}";

        assertThat(post(webhookUrl() + "?token=guess", unknownTask)).isEqualTo(401);
        assertThat(post(webhookUrl(), unknownTask)).isEqualTo(401);
        assertThat(post(webhookUrl() + "?token=" + TOKEN, "{\"data\":[" + "{}, ".repeat(2000) + "{}]}"))
                .isEqualTo(413);
        assertThat(post(webhookUrl() + "?token=" + TOKEN, "not json")).isEqualTo(400);
        assertThat(post(webhookUrl() + "?token=" + TOKEN, unknownTask)).isEqualTo(200);
        template.requestBody("direct:generate", PROMPT);

        assertThat(context.getComponent("seedance", SeedanceComponent.class).runtime().monitor().webhooks())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("received", 2L, "refused:token", 2L,
                        "refused:size", 1L, "refused:body", 1L));
        assertThat(meters.counter(SeedanceMetrics.WEBHOOKS_RECEIVED).count()).isEqualTo(2);
        assertThat(meters.counter(SeedanceMetrics.WEBHOOKS_REFUSED, "reason", "token").count()).isEqualTo(2);
        assertThat(meters.counter(SeedanceMetrics.WEBHOOKS_REFUSED, "reason", "size").count()).isEqualTo(1);
        assertThat(meters.counter(SeedanceMetrics.WEBHOOKS_REFUSED, "reason", "body").count()).isEqualTo(1);
    }

    @Test
    void deliveriesWithAMalformedVideoUrlAreAnswered400SoRunwareDoesNotRetryThem() throws Exception {
        webhookUrl();
        String taskUUID = template.requestBody("direct:submit", PROMPT, String.class);

        for (String url : List.of("http://exa mple.com/v 1.mp4", "not-a-url", "ftp://videos.example.com/v1.mp4")) {
            String body = "{\"data\":[{\"taskType\":\"videoInference\",\"taskUUID\":\"" + taskUUID
                          + "\",\"status\":\"success\",\"videoUUID\":\"v1\",\"videoURL\":\"" + url + "\"}]}";
            assertThat(post(webhookUrl() + "?token=" + TOKEN, body)).as(url).isEqualTo(400);
        }
    }

    private static int post(String url, String body) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static java.util.Map<String, Object> lastVideoTask() {
        List<java.util.Map<String, Object>> tasks = SIMULATOR.requests().tasks("videoInference");
        return tasks.get(tasks.size() - 1);
    }
}
