package io.github.camelseedance.seedance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journal records each delivered result (issue 10, point 2): a task of two results whose first arrived by
 * webhook before a restart has only its second delivered after it, never the first twice and neither forgotten.
 */
class SeedanceResultJournalTest {

    private static final String TOKEN = "j0urnal";

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofSeconds(4))
            .syntheticVideos(1024)
            .deliveryRetry(2, Duration.ofMillis(50))
            .seed(5L)
            .build();

    @TempDir
    Path folder;

    private CamelContext start(Path taskFile, boolean webhooks) throws Exception {
        CamelContext context = new DefaultCamelContext();
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        component.setTaskStoreFile(taskFile.toString());
        component.setWebhookToken(TOKEN);
        context.addComponent("seedance", component);
        VertxPlatformHttpServer server = SimulatedSeedance.httpServer();
        context.addService(server);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").to("seedance:submit");
                from("seedance:webhook").to("mock:results");
            }
        });
        context.start();
        if (webhooks) {
            component.setWebhookPublicUrl("http://127.0.0.1:" + server.getPort() + "/seedance/webhook");
        }
        return context;
    }

    @Test
    void aResultDeliveredBeforeARestartIsNotDeliveredAgainAndItsSiblingIsNotForgotten() throws Exception {
        Path taskFile = folder.resolve("tasks.dat");
        String taskUUID;
        String firstVideo;
        try (CamelContext before = start(taskFile, true)) {
            MockEndpoint results = before.getEndpoint("mock:results", MockEndpoint.class);
            results.expectedMessageCount(1);
            taskUUID = before.createProducerTemplate().requestBodyAndHeader("direct:submit",
                    "A relay race of snails", SeedanceConstants.NUMBER_RESULTS, 2, String.class);

            results.assertIsSatisfied(10_000);
            SIMULATOR.faults().webhookLossRate(1.0);
            firstVideo = results.getReceivedExchanges().get(0).getMessage().getHeader(SeedanceConstants.VIDEO_UUID,
                    String.class);
            TaskJournal journal = before.getComponent("seedance", SeedanceComponent.class).runtime().taskJournal();
            String task = taskUUID;
            await().until(() -> journal.delivered(task).count() == 1);
            assertThat(journal.delivered(taskUUID).succeeded()).containsExactly(firstVideo);
        }

        try (CamelContext after = start(taskFile, false)) {
            MockEndpoint results = after.getEndpoint("mock:results", MockEndpoint.class);
            results.expectedMessageCount(1);

            results.assertIsSatisfied(15_000);
            Exchange second = results.getReceivedExchanges().get(0);
            assertThat(second.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(taskUUID);
            assertThat(second.getMessage().getHeader(SeedanceConstants.VIDEO_UUID)).isNotEqualTo(firstVideo);
            assertThat(second.getMessage().getHeader(Exchange.FILE_NAME, String.class)).endsWith("-2.mp4");
            TaskJournal journal = after.getComponent("seedance", SeedanceComponent.class).runtime().taskJournal();
            await().until(() -> journal.get(taskUUID) == null);
            assertThat(Set.of(firstVideo, second.getMessage().getHeader(SeedanceConstants.VIDEO_UUID, String.class)))
                    .hasSize(2);
            results.assertIsSatisfied();
        }
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
        assertThat(SIMULATOR.requests().billedResults()).isEqualTo(2);
        assertThat(SIMULATOR.requests().submissions(taskUUID)).isEqualTo(1);
    }
}
