package io.github.camelseedance.seedance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import io.github.camelseedance.simulator.WebhookCall;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The seedance:webhook consumer as Camel's webhook consumers are: route failures go to the consumer's exception
 * handler (and Runware delivers again), the HTTP server's consumer takes the endpoint's consumer options, and a second
 * seedance:webhook consumer of one component fails to start.
 */
class SeedanceWebhookConsumerTest extends CamelTestSupport {

    private static final String TOKEN = "consumer-t0ken";

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(200))
            .syntheticVideos(1024)
            .deliveryRetry(5, Duration.ofMillis(100))
            .build();

    private final RecordingExceptionHandler failures = new RecordingExceptionHandler();
    private final FailingIdempotentRepository taken = new FailingIdempotentRepository();
    private VertxPlatformHttpServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("webhookFailures", failures);
        context.addService(server = SimulatedSeedance.webhookServer(0));
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        component.setWebhookToken(TOKEN);
        component.setWebhookGracePeriod(60_000);
        // leases renewed every second: a result kept for a stopped consumer is handed on soon after it starts
        component.setLeaseDuration(3000);
        component.setWebhookIdempotentRepository(taken);
        context.addComponent("seedance", component);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").to("seedance:submit");
                from("seedance:webhook?exceptionHandler=#webhookFailures").routeId("results").to("mock:results");
            }
        };
    }

    private String webhookUrl() {
        String url = "http://127.0.0.1:" + server.getPort() + "/seedance/webhook";
        context.getComponent("seedance", SeedanceComponent.class).setWebhookPublicUrl(url);
        return url;
    }

    @Test
    void routeFailureGoesToTheConsumersExceptionHandlerAndRunwareDeliversAgain() throws Exception {
        webhookUrl();
        MockEndpoint results = getMockEndpoint("mock:results");
        results.whenExchangeReceived(1, exchange -> {
            throw new IllegalStateException("the sink is down");
        });
        results.expectedMessageCount(2);

        String taskUUID = template.requestBody("direct:submit", "A heron on one leg", String.class);

        results.assertIsSatisfied();
        await().until(() -> SIMULATOR.requests().webhookCalls().size() == 2);
        assertThat(SIMULATOR.requests().webhookCalls()).extracting(WebhookCall::status).containsExactly(500, 200);
        assertThat(failures.messages).singleElement().asString().contains(taskUUID);
        assertThat(failures.causes).singleElement().satisfies(
                cause -> assertThat(cause).hasMessage("the sink is down"));
    }

    @Test
    void resultsOfRecordedTasksWaitInTheTaskStoreWhileTheConsumerIsStopped() throws Exception {
        webhookUrl();
        context.getRouteController().stopRoute("results");
        MockEndpoint results = getMockEndpoint("mock:results");
        results.expectedMessageCount(1);
        results.setAssertPeriod(1000);

        String taskUUID = template.requestBody("direct:submit", "A kingfisher diving", String.class);
        await().until(() -> !SIMULATOR.requests().webhookCalls().isEmpty());
        assertThat(results.getReceivedCounter()).isZero();
        context.getRouteController().startRoute("results");

        results.assertIsSatisfied();
        assertThat(results.getReceivedExchanges().get(0).getMessage().getHeader(SeedanceConstants.TASK_UUID))
                .isEqualTo(taskUUID);
        // taken at once and kept with the task's record: Runware never had to deliver again
        assertThat(SIMULATOR.requests().webhookCalls()).extracting(WebhookCall::status).containsExactly(200);
    }

    @Test
    void failuresOfTheHttpServersConsumerGoToTheWebhookEndpointsExceptionHandler() throws Exception {
        taken.failing = true;

        int status = post(webhookUrl() + "?token=" + TOKEN, "{\"data\":[{\"taskType\":\"videoInference\","
                                                            + "\"taskUUID\":\"2b0e8f6e-8f7c-4a9b-9d3e-1c2b3a4d5e6f\","
                                                            + "\"status\":\"success\",\"videoUUID\":\"v1\","
                                                            + "\"videoURL\":\"http://127.0.0.1:9/v1.mp4\"}]}");

        assertThat(status).isEqualTo(500);
        assertThat(failures.causes).singleElement().satisfies(
                cause -> assertThat(cause).hasMessage("the idempotent repository is down"));
    }

    @Test
    void aSecondWebhookConsumerOfOneComponentFailsToStart() throws Exception {
        try (CamelContext other = new DefaultCamelContext()) {
            other.addService(SimulatedSeedance.webhookServer(0));
            SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
            component.setWebhookToken(TOKEN);
            other.addComponent("seedance", component);
            other.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("seedance:webhook").routeId("archive").to("mock:archive");
                    from("seedance:webhook?downloadVideo=false").routeId("notify").to("mock:notify");
                }
            });

            assertThatThrownBy(other::start).hasStackTraceContaining(
                    "Route notify cannot consume seedance:webhook: route archive consumes it already");
        }
    }

    /** Remembers what it is handed. */
    static final class RecordingExceptionHandler implements ExceptionHandler {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<Throwable> causes = new CopyOnWriteArrayList<>();

        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            messages.add(String.valueOf(message));
            causes.add(exception);
        }
    }

    /** A repository that can be made to fail, as a shared database does when it is down. */
    static final class FailingIdempotentRepository extends MemoryIdempotentRepository {
        volatile boolean failing;

        @Override
        public boolean add(String key) {
            if (failing) {
                throw new IllegalStateException("the idempotent repository is down");
            }
            return super.add(key);
        }
    }

    private static int post(String url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
