package io.github.camelseedance.seedance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * A transacted exchange waits for its generate in place. When its thread is interrupted while the task renders (a
 * forced shutdown's shutdownNow, a caller's own timeout), the wait for the task ends at once and the generate fails,
 * naming the task; the exchange goes on only once the generate has ended, so nothing of the first task reaches the
 * exchange afterwards, and its task UUID header does not become the next generate's task UUID (here a fallback
 * generate with another prompt in doCatch). The thread's interrupt status is kept.
 */
class SeedanceInterruptedWaitTest extends CamelTestSupport {

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofSeconds(2))
            .syntheticVideos(1024)
            .seed(13L)
            .build();

    private final AtomicBoolean interruptKept = new AtomicBoolean();
    private final AtomicReference<String> caught = new AtomicReference<>();

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
                from("direct:transacted")
                        .process(e -> e.getExchangeExtension().setTransacted(true))
                        .doTry()
                        .to("seedance:generate")
                        .doCatch(CancellationException.class)
                        .process(e -> {
                            interruptKept.set(Thread.interrupted());
                            caught.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage());
                            e.getExchangeExtension().setTransacted(false);
                        })
                        .setBody(constant("Fallback: a lighthouse in a storm"))
                        .to("seedance:generate")
                        .end();
            }
        };
    }

    @Test
    void anInterruptedWaitEndsTheGenerateAndNothingOfItsTaskReachesTheExchangeLater() throws Exception {
        AtomicReference<Exchange> result = new AtomicReference<>();
        Thread caller = new Thread(() -> result.set(template.send("direct:transacted",
                e -> e.getMessage().setBody("A heron over a frozen lake"))));
        caller.start();

        // the submit was acknowledged (the task UUID header is shown) and the task still renders
        Exchange waiting = await().atMost(Duration.ofSeconds(10)).until(this::acknowledgedInFlight, e -> e != null);
        String first = waiting.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        caller.interrupt();
        caller.join(20_000);

        assertThat(caught.get()).contains(first).contains("interrupted");
        assertThat(interruptKept).isTrue();
        List<Map<String, Object>> tasks = SIMULATOR.requests().tasks("videoInference");
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(1)).containsEntry("positivePrompt", "Fallback: a lighthouse in a storm");
        assertThat(tasks.get(1).get("taskUUID")).as("the fallback generate's task UUID").isNotEqualTo(first);
        Exchange done = result.get();
        assertThat(done.getException()).isNull();
        SeedanceVideo video = done.getMessage().getBody(SeedanceVideo.class);
        assertThat(video.getTaskUUID()).isEqualTo(tasks.get(1).get("taskUUID"));
        // the first task finishes too, but its wait ended: it is not downloaded, and never written to the exchange
        await().atMost(Duration.ofSeconds(10))
                .until(() -> SIMULATOR.simulator().task(first).map(t -> t.finishedAt() != null).orElse(false));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> SIMULATOR.requests().mediaDownloads() == 1);
        assertThat(done.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(video.getTaskUUID());
    }

    private Exchange acknowledgedInFlight() {
        return context.getInflightRepository().browse().stream().map(InflightRepository.InflightExchange::getExchange)
                .filter(e -> e.getMessage().getHeader(SeedanceConstants.TASK_UUID) != null
                             && e.getMessage().getHeader(SeedanceConstants.STATUS) != null)
                .findFirst().orElse(null);
    }
}
