package io.github.camelseedance.seedance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.seedance.journal.TaskJournal;
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
 * An idempotency key makes a task billed once whatever happens; the task repository lets a restarted component resume
 * its tasks; an expired video URL is reported naming the task.
 */
class SeedanceExactlyOnceTest {

    private static final String PROMPT = "A lantern festival over a river";

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300))
            .syntheticVideos(1024)
            .seed(3L)
            .build();

    @TempDir
    Path folder;

    private CamelContext camel(Path taskFile, RouteBuilder routes) throws Exception {
        return camelWith(component -> {
            if (taskFile != null) {
                component.setTaskStoreFile(taskFile.toString());
            }
        }, routes);
    }

    private CamelContext camelWith(Consumer<SeedanceComponent> options, RouteBuilder routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        options.accept(component);
        component.setWebhookToken("t0ken");
        context.addComponent("seedance", component);
        context.addService(SimulatedSeedance.httpServer());
        context.addRoutes(routes);
        context.start();
        return context;
    }

    @Test
    void theSameIdempotencyKeyIsBilledOnceAndResumed() throws Exception {
        try (CamelContext context = camel(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("seedance:generate?idempotencyKey=order-${header.orderId}");
            }
        })) {
            Exchange first = context.createProducerTemplate().request("direct:order", e -> {
                e.getMessage().setBody(PROMPT);
                e.getMessage().setHeader("orderId", 42);
            });
            Exchange again = context.createProducerTemplate().request("direct:order", e -> {
                e.getMessage().setBody(PROMPT);
                e.getMessage().setHeader("orderId", 42);
            });

            String expected = IdempotentTaskUUID.of("order-42");
            assertThat(first.getException()).isNull();
            assertThat(again.getException()).isNull();
            assertThat(first.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(expected);
            assertThat(again.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(expected);
            assertThat(first.getMessage().getHeader(SeedanceConstants.RESUMED)).isEqualTo(false);
            assertThat(again.getMessage().getHeader(SeedanceConstants.RESUMED)).isEqualTo(true);
            assertThat(again.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(1024);
            assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
            assertThat(SIMULATOR.requests().submissions(expected)).isEqualTo(1);
        }
    }

    @Test
    void aRouteThatFailsAfterTheVideoReachedItKeepsTheTaskForItsWorkSentAgain() throws Exception {
        AtomicInteger sinkCalls = new AtomicInteger();
        try (CamelContext context = camelWith(SeedanceExactlyOnceTest::finishedTasksKeptAnHour, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("seedance:generate?idempotencyKey=order-${header.orderId}")
                        .process(e -> {
                            if (sinkCalls.incrementAndGet() == 1) {
                                throw new IOException("The sink is down");
                            }
                        })
                        .to("mock:sink");
            }
        })) {
            String taskUUID = IdempotentTaskUUID.of("order-7");
            TaskJournal journal = context.getComponent("seedance", SeedanceComponent.class).runtime().taskJournal();

            Exchange failed = order(context, 7);
            assertThat(failed.getException()).isInstanceOf(IOException.class).hasMessage("The sink is down");
            assertThat(journal.get(taskUUID)).as("kept: its video reached no sink").isNotNull();

            Exchange again = order(context, 7);
            assertThat(again.getException()).as("the work sent again gets the video, not 'delivered already'")
                    .isNull();
            MockEndpoint sink = context.getEndpoint("mock:sink", MockEndpoint.class);
            assertThat(sink.getReceivedExchanges()).hasSize(1);
            assertThat(sink.getReceivedExchanges().get(0).getMessage().getBody(SeedanceVideo.class).getSize())
                    .isEqualTo(1024);
            await().atMost(Duration.ofSeconds(10)).until(() -> journal.get(taskUUID) == null);
            assertThat(journal.store().get(taskUUID).finished()).as("delivered now, kept for the retention").isTrue();
            assertThat(SIMULATOR.requests().submissions(taskUUID)).isEqualTo(1);
        }
    }

    @Test
    void aRouteThatFailsAfterTheVideoReachedItLeavesTheTaskToSeedanceWebhook() throws Exception {
        try (CamelContext context = camelWith(component -> {
            finishedTasksKeptAnHour(component);
            component.setLeaseDuration(1_500);
        }, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("seedance:generate?idempotencyKey=order-${header.orderId}")
                        .throwException(new IOException("The sink is down"));
                from("seedance:webhook").to("mock:kept");
            }
        })) {
            String taskUUID = IdempotentTaskUUID.of("order-8");
            MockEndpoint kept = context.getEndpoint("mock:kept", MockEndpoint.class);
            kept.expectedMessageCount(1);
            kept.expectedHeaderReceived(SeedanceConstants.TASK_UUID, taskUUID);

            assertThat(order(context, 8).getException()).hasMessage("The sink is down");

            kept.assertIsSatisfied(10_000);
            assertThat(kept.getReceivedExchanges().get(0).getMessage().getBody(SeedanceVideo.class).getSize())
                    .isEqualTo(1024);
            TaskJournal journal = context.getComponent("seedance", SeedanceComponent.class).runtime().taskJournal();
            await().atMost(Duration.ofSeconds(10)).until(() -> journal.get(taskUUID) == null);
            assertThat(SIMULATOR.requests().submissions(taskUUID)).isEqualTo(1);
        }
    }

    /** Finished tasks stay recorded, so work sent again after its task was delivered is refused as done. */
    private static void finishedTasksKeptAnHour(SeedanceComponent component) {
        component.setTaskRetention(Duration.ofHours(1).toMillis());
    }

    private static Exchange order(CamelContext context, int orderId) {
        return context.createProducerTemplate().request("direct:order", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader("orderId", orderId);
        });
    }

    @Test
    void idempotentTaskUUIDsAreVersion4AndStable() {
        String uuid = IdempotentTaskUUID.of("inbox/cat.txt");

        assertThat(uuid).isEqualTo(IdempotentTaskUUID.of("inbox/cat.txt")).isNotEqualTo(IdempotentTaskUUID.of("dog"));
        assertThat(java.util.UUID.fromString(uuid).version()).isEqualTo(4);
        assertThat(java.util.UUID.fromString(uuid).variant()).isEqualTo(2);
    }

    @Test
    void idempotencyKeyHeaderWinsOverTheOption() throws Exception {
        try (CamelContext context = camel(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").to("seedance:submit?idempotencyKey=fixed");
            }
        })) {
            String taskUUID = context.createProducerTemplate().requestBodyAndHeader("direct:submit", PROMPT,
                    SeedanceConstants.IDEMPOTENCY_KEY, "from-header", String.class);

            assertThat(taskUUID).isEqualTo(IdempotentTaskUUID.of("from-header"));
        }
    }

    @Test
    void aRestartedComponentResumesRecordedTasksWithoutSubmittingAgain() throws Exception {
        Path taskFile = folder.resolve("tasks.dat");
        String taskUUID;
        try (CamelContext before = camel(taskFile, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").to("seedance:submit");
            }
        })) {
            taskUUID = before.createProducerTemplate().requestBodyAndHeader("direct:submit", PROMPT,
                    Exchange.FILE_NAME, "lantern.txt", String.class);
        }
        assertThat(Files.readString(taskFile)).contains(taskUUID);

        try (CamelContext after = camel(taskFile, new RouteBuilder() {
            @Override
            public void configure() {
                from("seedance:webhook").to("mock:results");
            }
        })) {
            MockEndpoint results = after.getEndpoint("mock:results", MockEndpoint.class);
            results.expectedMessageCount(1);
            results.assertIsSatisfied(10_000);

            Exchange delivered = results.getReceivedExchanges().get(0);
            assertThat(delivered.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(taskUUID);
            assertThat(delivered.getMessage().getHeader(Exchange.FILE_NAME)).isEqualTo("lantern.mp4");
            TaskJournal journal = after.getComponent("seedance", SeedanceComponent.class).runtime().taskJournal();
            await().until(() -> journal.get(taskUUID) == null);
            assertThat(journal.inFlight()).isEmpty();
        }
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
        assertThat(SIMULATOR.requests().submissions(taskUUID)).isEqualTo(1);
    }

    @Test
    void anExpiredVideoUrlIsReportedNamingTheTask() throws Exception {
        try (CamelContext context = camel(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:download").to("seedance:download");
            }
        })) {
            String taskUUID = context.createProducerTemplate().requestBody("seedance:submit", PROMPT, String.class);
            SIMULATOR.simulator().completeAll();
            SIMULATOR.simulator().task(taskUUID).orElseThrow();
            Exchange status = context.createProducerTemplate().request("seedance:status",
                    e -> e.getMessage().setBody(taskUUID));
            SIMULATOR.simulator().expireMedia(status.getMessage().getHeader(SeedanceConstants.VIDEO_UUID,
                    String.class));

            Exchange exchange = context.createProducerTemplate().request("direct:download",
                    e -> e.getMessage().setHeader(SeedanceConstants.TASK_UUID, taskUUID));

            assertThat(exchange.getException()).isInstanceOf(RunwareNotFoundException.class)
                    .hasMessageContaining(taskUUID).hasMessageContaining("expired");
        }
    }
}
