package io.github.camelseedance.seedance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.poll.PollSchedule;
import io.github.camelseedance.seedance.operation.MessageConfiguration;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * pollSchedule: the option and its header, and the learned schedule polling less than the fixed ladder for the same
 * tasks (the simulator's render times drawn from one seed, each round as the one before): counts of polls.
 */
class SeedancePollScheduleTest extends CamelTestSupport {

    private static final int TASKS = 8;

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(2_400)).renderSpread(Duration.ofMillis(200)).syntheticVideos(1024)
            .seed(5L).build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        component.getConfiguration().setMaxPollInterval(400);
        context.addComponent("seedance", component);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:fixed").to("seedance:generate?pollSchedule=fixed&duration=5");
                from("direct:default").to("seedance:generate?duration=5");
            }
        };
    }

    /** The same tasks as every round (the simulator reset to its seed): the getResponse polls they took. */
    private long round(String endpoint) throws Exception {
        SIMULATOR.simulator().reset();
        List<CompletableFuture<Exchange>> exchanges = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            String prompt = "A lantern on a pier, take " + i;
            exchanges.add(template.asyncSend(endpoint, e -> e.getMessage().setBody(prompt)));
            // one submit after the other, each accepted before the next is sent
            int sent = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> SIMULATOR.requests().count("videoInference") >= sent);
        }
        List<String> uuids = new ArrayList<>();
        for (CompletableFuture<Exchange> exchange : exchanges) {
            Exchange done = exchange.get(30, TimeUnit.SECONDS);
            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getHeader(SeedanceConstants.STATUS)).isEqualTo("success");
            uuids.add(done.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class));
        }
        return SIMULATOR.requests().tasks("getResponse").stream().filter(t -> uuids.contains(t.get("taskUUID")))
                .count();
    }

    @Test
    void theLearnedScheduleIsTheDefaultAndSendsFewerPollsThanTheFixedOneForTheSameTasks() throws Exception {
        long fixed = round("direct:fixed");
        long learned = round("direct:default");
        long fixedAgain = round("direct:fixed");

        System.out.printf("Component, %d renders of 2.4 s +- 0.2 s, ladder 100 ms, 100 ms x1.5 up to 400 ms:"
                          + " fixed %.2f polls/task, learned %.2f, fixed again %.2f%n",
                TASKS, (double) fixed / TASKS, (double) learned / TASKS, (double) fixedAgain / TASKS);
        assertThat(learned).isLessThan(Math.min(fixed, fixedAgain) * 3 / 4).isGreaterThanOrEqualTo(TASKS);
    }

    @Test
    void theHeaderChoosesTheScheduleOfOneExchange() {
        SeedanceConfiguration endpoint = context.getEndpoint("seedance:generate?pollSchedule=fixed",
                SeedanceEndpoint.class).getConfiguration();
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(SeedanceConstants.POLL_SCHEDULE, "learned");

        assertThat(MessageConfiguration.bind(exchange, endpoint).options().getPollSchedule())
                .isEqualTo(PollSchedule.learned);
        assertThat(MessageConfiguration.bind(new DefaultExchange(context), endpoint).options().getPollSchedule())
                .isEqualTo(PollSchedule.fixed);
        assertThat(endpoint.getPollSchedule()).isEqualTo(PollSchedule.fixed);
    }

    @Test
    void anUnknownScheduleIsRefusedNamingTheHeaderAndTheSchedules() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(SeedanceConstants.POLL_SCHEDULE, "sometimes");
        SeedanceConfiguration endpoint = context.getEndpoint("seedance:generate", SeedanceEndpoint.class)
                .getConfiguration();

        assertThatThrownBy(() -> MessageConfiguration.bind(exchange, endpoint))
                .isInstanceOf(RunwareValidationException.class)
                .hasMessageContaining(SeedanceConstants.POLL_SCHEDULE).hasMessageContaining("sometimes")
                .hasMessageContaining("one of fixed, learned");
    }
}
