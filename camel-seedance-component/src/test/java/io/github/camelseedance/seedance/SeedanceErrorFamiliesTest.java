package io.github.camelseedance.seedance;

import java.time.Duration;
import java.util.UUID;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareUnknownException;
import io.github.camelseedance.seedance.journal.MemoryTaskStore;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.seedance.journal.TaskStore;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Errors by family (issue 10, point 3), against a simulator whose unknown tasks answer {@code taskExpired}: the
 * idempotency probe, {@code status} and resumption all read it as not found; a code no rule knows is never retried.
 */
class SeedanceErrorFamiliesTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300))
            .syntheticVideos(1024)
            .taskNotFoundCode("taskExpired")
            .seed(9L)
            .build();

    private static CamelContext start(TaskStore tasks) throws Exception {
        CamelContext context = new DefaultCamelContext();
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 50);
        component.setRetryBackoff(20);
        if (tasks != null) {
            component.setTaskStore(tasks);
        }
        context.addComponent("seedance", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("seedance:generate?idempotencyKey=${header.orderId}");
            }
        });
        context.start();
        return context;
    }

    @Test
    void theIdempotencyProbeReadsTheNotFoundFamilyAsNotThere() throws Exception {
        try (CamelContext context = start(null)) {
            Exchange exchange = context.createProducerTemplate().request("direct:order", e -> {
                e.getMessage().setBody("A snow globe shaken by a giant");
                e.getMessage().setHeader("orderId", "A-1");
            });

            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(SeedanceConstants.RESUMED)).isEqualTo(false);
            assertThat(SIMULATOR.requests().submissions(IdempotentTaskUUID.of("A-1"))).isEqualTo(1);
            assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
        }
    }

    @Test
    void statusOfAnUnknownTaskIsNotFound() throws Exception {
        try (CamelContext context = start(null)) {
            Exchange exchange = context.createProducerTemplate().request("seedance:status",
                    e -> e.getMessage().setBody(UUID.randomUUID().toString()));

            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(SeedanceConstants.STATUS)).isEqualTo("notFound");
            assertThat(SIMULATOR.requests().taskDetailsCalls()).isEqualTo(1);
        }
    }

    @Test
    void resumptionReadsTheNotFoundFamilyAsNotThereAfterAskingGetTaskDetails() throws Exception {
        MemoryTaskStore tasks = new MemoryTaskStore();
        String unknown = UUID.randomUUID().toString();
        tasks.insert(TaskRecord.of(unknown, null, 1, null, null, null, System.currentTimeMillis()));

        try (CamelContext context = start(tasks)) {
            await().until(() -> SIMULATOR.requests().taskDetailsCalls() == 1);
            assertThat(SIMULATOR.requests().tasks("getResponse")).filteredOn(t -> unknown.equals(t.get("taskUUID")))
                    .hasSize(3);
            assertThat(SIMULATOR.requests().billedTasks()).isZero();
        }
    }

    @Test
    void downloadOfAnUnknownTaskIsNotFound() throws Exception {
        try (CamelContext context = start(null)) {
            Exchange exchange = context.createProducerTemplate().request("seedance:download",
                    e -> e.getMessage().setBody(UUID.randomUUID().toString()));

            assertThat(exchange.getException()).isInstanceOfSatisfying(RunwareNotFoundException.class,
                    e -> assertThat(e.code()).isEqualTo("taskExpired"));
        }
    }

    @Test
    void aTaskFailingWithACodeNoRuleKnowsIsNeitherRetriedNorMistyped() throws Exception {
        SIMULATOR.faults().failNextTasks("somethingRunwareInventedToday", 1);
        try (CamelContext context = start(null)) {
            Exchange exchange = context.createProducerTemplate().request("direct:order", e -> {
                e.getMessage().setBody("A snow globe shaken by a giant");
                e.getMessage().setHeader("orderId", "A-2");
            });

            assertThat(exchange.getException()).isInstanceOfSatisfying(RunwareUnknownException.class, e -> {
                assertThat(e.code()).isEqualTo("somethingRunwareInventedToday");
                assertThat(e.retryable()).isFalse();
            });
            assertThat(SIMULATOR.requests().submissions(IdempotentTaskUUID.of("A-2"))).isEqualTo(1);
        }
    }
}
