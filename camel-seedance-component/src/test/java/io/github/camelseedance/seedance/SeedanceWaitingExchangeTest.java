package io.github.camelseedance.seedance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an exchange holds while its generate waits for the task, with thousands waiting at once: the task UUID header
 * (for whoever looks at the exchange in flight), but no exchange property; the mark that keeps the task UUID from
 * becoming the next generate's input is written when the generate ends. A transacted exchange waits in place
 * (SeedanceProducer.awaitInPlace); when its thread is interrupted while the task renders (a forced shutdown's
 * shutdownNow, a caller's own timeout), the exchange leaves the generate with an InterruptedException, and the task
 * UUID header it carries must not become the task UUID of the next generate on the exchange (here a fallback generate
 * with another prompt in doCatch).
 */
class SeedanceWaitingExchangeTest extends CamelTestSupport {

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofSeconds(2))
            .syntheticVideos(1024)
            .seed(11L)
            .build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getInflightRepository().setInflightBrowseEnabled(true);
        context.addComponent("seedance", SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100));
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate");
                from("direct:transacted")
                        .process(e -> e.getExchangeExtension().setTransacted(true))
                        .doTry()
                        .to("seedance:generate")
                        .doCatch(InterruptedException.class)
                        .process(e -> {
                            Thread.interrupted();
                            e.getExchangeExtension().setTransacted(false);
                        })
                        .setBody(constant("Fallback: a lighthouse in a storm"))
                        .to("seedance:generate")
                        .end();
            }
        };
    }

    @Test
    void aGenerateWaitingForItsTaskHoldsNoExchangeProperty() throws Exception {
        CompletableFuture<Exchange> done = template.asyncSend("direct:generate",
                e -> e.getMessage().setBody("A heron over a frozen lake"));

        Exchange waiting = await().atMost(Duration.ofSeconds(10)).until(this::acknowledgedInFlight, e -> e != null);
        boolean anyProperty = waiting.hasProperties();
        // looked at while the task still rendered: the generate was waiting then
        assertThat(
                SIMULATOR.simulator().task(waiting.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class)))
                .hasValueSatisfying(task -> assertThat(task.finishedAt()).isNull());
        assertThat(anyProperty).as("exchange properties of %s while its task renders", waiting.getExchangeId())
                .isFalse();

        Exchange result = done.get();
        assertThat(result.getException()).isNull();
        assertThat(result.getProperties()).containsEntry("CamelSeedanceWrittenTaskUUID",
                result.getMessage().getHeader(SeedanceConstants.TASK_UUID));
    }

    @Test
    void anInterruptedWaitLeavesNoTaskUUIDForTheNextGenerate() throws Exception {
        AtomicReference<Exchange> result = new AtomicReference<>();
        Thread caller = new Thread(() -> result.set(template.send("direct:transacted",
                e -> e.getMessage().setBody("A heron over a frozen lake"))));
        caller.start();

        // the submit was acknowledged (the task UUID header is shown) and the task still renders
        await().atMost(Duration.ofSeconds(10)).until(this::acknowledgedInFlight, e -> e != null);
        caller.interrupt();
        caller.join(20_000);

        List<Map<String, Object>> tasks = SIMULATOR.requests().tasks("videoInference");
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(1)).containsEntry("positivePrompt", "Fallback: a lighthouse in a storm");
        assertThat(tasks.get(1).get("taskUUID")).as("the fallback generate's task UUID")
                .isNotEqualTo(tasks.get(0).get("taskUUID"));
        assertThat(result.get().getMessage().getHeader(SeedanceConstants.RESUMED)).isEqualTo(false);
    }

    /** The exchange in flight once its submit was acknowledged (the task UUID header is set then), or null. */
    private Exchange acknowledgedInFlight() {
        return context.getInflightRepository().browse().stream().map(InflightRepository.InflightExchange::getExchange)
                .filter(e -> e.getMessage().getHeader(SeedanceConstants.TASK_UUID) != null
                             && e.getMessage().getHeader(SeedanceConstants.STATUS) != null)
                .findFirst().orElse(null);
    }
}
