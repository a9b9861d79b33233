package io.github.camelseedance.seedance;

import io.github.camelseedance.runware.error.RunwareProviderException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import io.github.camelseedance.simulator.WebhookCall;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
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

    private VertxPlatformHttpServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost("127.0.0.1");
        configuration.setBindPort(0);
        this.server = new VertxPlatformHttpServer(configuration);
        context.addService(this.server);

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
                from("seedance:webhook").routeId("results").to("mock:results");
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
