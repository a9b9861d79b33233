package io.github.camelseedance.seedance;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.seedance.cost.BudgetUsage;
import io.github.camelseedance.seedance.journal.TestClock;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A task Runware accepted and then forgot before its results were taken (getResponse and getTaskDetails both answer
 * not found): it ran and was billed, so its whole price is charged to its budget, as the lease keeper charges it for a
 * resumed task.
 */
class SeedanceForgottenTaskTest extends CamelTestSupport {

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(200))
            .syntheticVideos(1024)
            .taskDetailsRetention(Duration.ZERO)
            .seed(11L)
            .build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        component.getConfiguration().setInitialPollDelay(600);
        component.setClock(new TestClock(Instant.parse("2026-12-14T10:00:00Z")));
        context.addComponent("seedance", component);
        return context;
    }

    @Test
    void aTaskRunwareForgotAfterAcceptingItIsChargedItsWholePrice() {
        CompletableFuture<Exchange> waiting = template.asyncSend("seedance:generate?budget=1",
                e -> e.getMessage().setBody("A harbour at low tide"));
        String taskUUID = await().atMost(Duration.ofSeconds(5)).until(this::submittedTask, uuid -> uuid != null);
        SIMULATOR.simulator().expireTask(taskUUID);

        Exchange failed = waiting.join();

        assertThat(failed.getException()).isInstanceOf(RunwareNotFoundException.class);
        BudgetUsage usage = context.getComponent("seedance", SeedanceComponent.class).runtime().budgets().ledger()
                .usage("default", "2026-12");
        assertThat(usage.spent()).as("it ran at Runware, and was billed").isEqualByComparingTo(new BigDecimal("0.405"));
        assertThat(usage.reserved()).isEqualByComparingTo("0");
    }

    private String submittedTask() {
        List<Map<String, Object>> tasks = SIMULATOR.requests().tasks("videoInference");
        return tasks.isEmpty() ? null : (String) tasks.get(0).get("taskUUID");
    }
}
