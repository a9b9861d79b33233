package io.github.camelseedance.seedance;

import java.time.Duration;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook path, the HTTP server component and the idempotent repository are the ones configured.
 */
class SeedanceWebhookOptionsTest extends CamelTestSupport {

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(200))
            .syntheticVideos(512)
            .build();

    private final MemoryIdempotentRepository taken = new MemoryIdempotentRepository();
    private VertxPlatformHttpServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        server = SimulatedSeedance.httpServer();
        context.addService(server);

        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        component.setWebhookPath("/hooks/videos");
        component.setHttpServerComponent("platform-http");
        component.setWebhookToken("tok");
        component.setWebhookIdempotentRepository(taken);
        component.setWebhookGracePeriod(60_000);
        context.addComponent("seedance", component);
        return context;
    }

    @Override
    protected org.apache.camel.builder.RouteBuilder createRouteBuilder() {
        return new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("seedance:webhook").to("mock:results");
            }
        };
    }

    @Test
    void resultsArriveOnTheConfiguredPathAndAreRememberedInTheConfiguredRepository() {
        String url = "http://127.0.0.1:" + server.getPort() + "/hooks/videos";
        context.getComponent("seedance", SeedanceComponent.class).setWebhookPublicUrl(url);

        Exchange exchange = template.request("seedance:generate", e -> e.getMessage().setBody("A comet over a farm"));

        assertThat(exchange.getException()).isNull();
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
        await().until(() -> SIMULATOR.requests().webhookCalls().size() == 1);
        assertThat(SIMULATOR.requests().webhookCalls().get(0).url()).startsWith(url + "?token=tok");
        assertThat(SIMULATOR.requests().webhookCalls().get(0).status()).isEqualTo(200);
        String taskUUID = exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        String videoUUID = exchange.getMessage().getHeader(SeedanceConstants.VIDEO_UUID, String.class);
        assertThat(taken.contains(taskUUID + "/" + videoUUID)).isTrue();
    }
}
