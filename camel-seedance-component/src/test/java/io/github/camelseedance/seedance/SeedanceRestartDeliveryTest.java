package io.github.camelseedance.seedance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a restart, the result of a task resumed from the task repository goes to exactly one place: the redelivered
 * exchange that waits for it, and then not also to the seedance:webhook consumer as unclaimed.
 */
class SeedanceRestartDeliveryTest {

    private static final String PROMPT = "A paper crane unfolding";
    private static final String KEY = "order-7";

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(1500))
            .syntheticVideos(2048)
            .deliveryRetry(5, Duration.ofMillis(200))
            .build();

    @TempDir
    Path folder;

    @Test
    void polledResultOfAResumedTaskGoesOnlyToTheRedeliveredExchange() throws Exception {
        assertTheRedeliveredExchangeAloneGetsTheResult(null);
    }

    @Test
    void webhookResultOfAResumedTaskGoesOnlyToTheRedeliveredExchange() throws Exception {
        assertTheRedeliveredExchangeAloneGetsTheResult(SimulatedSeedance.freePort());
    }

    /** @param webhookPort the port of the webhook receiver, the same before and after the restart; null: polling */
    private void assertTheRedeliveredExchangeAloneGetsTheResult(Integer webhookPort) throws Exception {
        Path tasks = folder.resolve("tasks.dat");
        String taskUUID = IdempotentTaskUUID.of(KEY);
        Path crashed = folder.resolve("tasks-at-the-crash.dat");
        try (CamelContext before = camel(tasks, webhookPort)) {
            before.getShutdownStrategy().setTimeout(1);
            before.createProducerTemplate().asyncSend("direct:order", e -> e.getMessage().setBody(PROMPT));
            await().until(() -> SIMULATOR.requests().submissions(taskUUID) == 1);
            // what a kill -9 leaves: the task recorded, its exchange never completed
            Files.copy(tasks, crashed);
        }
        Files.copy(crashed, tasks, StandardCopyOption.REPLACE_EXISTING);

        try (CamelContext after = camel(tasks, webhookPort)) {
            MockEndpoint unclaimed = after.getEndpoint("mock:unclaimed", MockEndpoint.class);
            unclaimed.expectedMessageCount(0);
            CompletableFuture<Exchange> redelivered = after.createProducerTemplate().asyncSend("direct:order",
                    e -> e.getMessage().setBody(PROMPT));

            Exchange exchange = redelivered.get();
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(taskUUID);
            assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(2048);
            unclaimed.setAssertPeriod(1000);
            unclaimed.assertIsSatisfied();
            assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(1);
        }
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    private CamelContext camel(Path tasks, Integer webhookPort) throws Exception {
        CamelContext context = new DefaultCamelContext();
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        component.setTaskStoreFile(tasks.toString());
        component.setWebhookToken("restart-t0ken");
        component.setWebhookGracePeriod(60_000);
        if (webhookPort != null) {
            component.setWebhookPublicUrl("http://127.0.0.1:" + webhookPort + "/seedance/webhook");
        }
        context.addService(SimulatedSeedance.webhookServer(webhookPort != null ? webhookPort : 0));
        context.addComponent("seedance", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("seedance:generate?idempotencyKey=" + KEY);
                from("seedance:webhook").to("mock:unclaimed");
            }
        });
        context.start();
        return context;
    }
}
