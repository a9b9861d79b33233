package io.github.camelseedance.seedance;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import io.github.camelseedance.simulator.WebhookCall;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks through a server component other than platform-http (netty-http, named in httpServerComponent): the
 * receiver serves the path through the component's RestConsumerFactory consumer, with the same token and size checks
 * and the same hand-over to the waiting exchange and the seedance:webhook consumer.
 */
class SeedanceWebhookOtherServerTest extends CamelTestSupport {

    private static final String TOKEN = "n3tty-t0ken";

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300))
            .syntheticVideos(2048)
            .deliveryRetry(5, Duration.ofMillis(100))
            .seed(13L)
            .build();

    private final int port = SimulatedSeedance.freePort();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRestConfiguration().setHost("127.0.0.1");
        context.getRestConfiguration().setPort(port);
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        component.setHttpServerComponent("netty-http");
        component.setWebhookToken(TOKEN);
        component.setWebhookMaxBodySize(4096);
        component.setWebhookGracePeriod(60_000);
        component.setWebhookPublicUrl(webhookUrl());
        context.addComponent("seedance", component);
        return context;
    }

    private String webhookUrl() {
        return "http://127.0.0.1:" + port + "/seedance/webhook";
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate");
                from("direct:submit").to("seedance:submit");
                from("seedance:webhook").routeId("results").to("mock:results");
            }
        };
    }

    @Test
    void generateWaitsForTheWebhookWithZeroPolls() {
        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody("A lighthouse at dusk"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(2048);
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
        await().until(() -> SIMULATOR.requests().webhookCalls().size() == 1);
        assertThat(SIMULATOR.requests().webhookCalls()).extracting(WebhookCall::status).containsOnly(200);
    }

    @Test
    void theConsumerRoutesResultsOfSubmittedTasks() throws Exception {
        MockEndpoint results = getMockEndpoint("mock:results");
        results.expectedMessageCount(1);

        String taskUUID = template.requestBody("direct:submit", "A fox in the snow", String.class);

        results.assertIsSatisfied();
        assertThat(results.getReceivedExchanges().get(0).getMessage().getHeader(SeedanceConstants.TASK_UUID))
                .isEqualTo(taskUUID);
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
    }

    @Test
    void deliveriesWithAWrongTokenAreRefused() throws Exception {
        assertThat(post(webhookUrl() + "?token=guess", "{\"data\":[]}", true)).isEqualTo(401);
        assertThat(post(webhookUrl(), "{\"data\":[]}", true)).isEqualTo(401);
    }

    @Test
    void oversizedDeliveriesAreRefusedWhateverTheyDeclare() throws Exception {
        String big = "{\"data\":[" + "{}, ".repeat(2000) + "{}]}";
        assertThat(post(webhookUrl() + "?token=" + TOKEN, big, true)).isEqualTo(413);
        // chunked: no Content-Length to refuse it by, the cap holds as the body is read
        assertThat(post(webhookUrl() + "?token=" + TOKEN, big, false)).isEqualTo(413);
    }

    private static int post(String url, String body, boolean declareLength) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = declareLength
                ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(publisher)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
