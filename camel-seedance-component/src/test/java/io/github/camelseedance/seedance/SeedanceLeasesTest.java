package io.github.camelseedance.seedance;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.seedance.cost.BudgetUsage;
import io.github.camelseedance.seedance.journal.MemoryTaskStore;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances (components of two Camel contexts) share one task store: the tasks of one that stops renewing its
 * leases are adopted by the other; an exchange of one waits for a task the other holds and gets it handed over.
 */
class SeedanceLeasesTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(1500))
            .syntheticVideos(1024)
            .seed(9L)
            .build();

    private final MemoryTaskStore shared = new MemoryTaskStore();
    private final List<CamelContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (CamelContext context : contexts) {
            context.close();
        }
    }

    /** A route that submits its body with the body as the idempotency key. */
    private static RouteBuilder submitter() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").to("seedance:submit?idempotencyKey=${body}");
            }
        };
    }

    private CamelContext instance(String name, RoutesBuilder routes) throws Exception {
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        component.setTaskStore(shared);
        component.setInstanceId(name);
        component.setLeaseDuration(600);
        CamelContext context = new DefaultCamelContext();
        context.addComponent("seedance", component);
        context.addRoutes(routes);
        context.start();
        contexts.add(context);
        return context;
    }

    @Test
    void theTasksOfAnInstanceThatStoppedAreAdoptedAndDeliveredByAnother() throws Exception {
        CamelContext a = instance("a", submitter());
        List<String> tasks = new ArrayList<>();
        for (String prompt : List.of("Dunes at dawn", "Rain on a tin roof", "A kite in a storm")) {
            tasks.add(a.createProducerTemplate().requestBody("direct:submit", prompt, String.class));
        }
        a.close();
        assertThat(shared.size()).as("the stopped instance's tasks stay recorded").isEqualTo(3);

        CamelContext b = instance("b", new RouteBuilder() {
            @Override
            public void configure() {
                from("seedance:webhook").to("mock:adopted");
            }
        });
        MockEndpoint adopted = b.getEndpoint("mock:adopted", MockEndpoint.class);
        adopted.expectedMessageCount(3);
        adopted.assertIsSatisfied(15_000);

        assertThat(adopted.getReceivedExchanges())
                .extracting(e -> e.getMessage().getHeader(SeedanceConstants.TASK_UUID))
                .containsExactlyInAnyOrderElementsOf(tasks);
        await().until(() -> shared.size() == 0);
        for (String task : tasks) {
            assertThat(SIMULATOR.requests().submissions(task)).isEqualTo(1);
        }
    }

    @Test
    void anExchangeWaitingForATaskAnotherInstanceHoldsGetsItHandedOver() throws Exception {
        String prompt = "A lighthouse beam sweeping the fog";
        String taskUUID = IdempotentTaskUUID.of(prompt);
        CamelContext a = instance("a", submitter());
        a.createProducerTemplate().requestBody("direct:submit", prompt, String.class);
        TaskRecord held = shared.get(taskUUID);
        assertThat(held.owner()).isEqualTo("a");

        CamelContext b = instance("b", new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate?idempotencyKey=${body}");
            }
        });
        Exchange generated = b.createProducerTemplate().request("direct:generate", e -> e.getMessage().setBody(prompt));

        assertThat(generated.getException()).isNull();
        assertThat(generated.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(taskUUID);
        assertThat(generated.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(1024);
        assertThat(SIMULATOR.requests().submissions(taskUUID)).isEqualTo(1);
        assertThat(shared.get(taskUUID)).as("delivered by b's exchange, which had the lease handed over").isNull();
    }

    @Test
    void aTransactedExchangeWaitingForATaskAnotherInstanceHoldsGoesOnAtOnceWhenItsThreadIsInterrupted()
            throws Exception {
        String prompt = "A harbour at night, its cranes still";
        String taskUUID = IdempotentTaskUUID.of(prompt);
        CamelContext a = instance("a", submitter());
        a.createProducerTemplate().requestBody("direct:submit", prompt, String.class);
        CamelContext b = instance("b", new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:transacted")
                        .process(e -> e.getExchangeExtension().setTransacted(true))
                        .to("seedance:generate?idempotencyKey=${body}&waitTimeout=60000");
            }
        });
        AtomicReference<Exchange> result = new AtomicReference<>();
        Thread caller = new Thread(() -> result.set(b.createProducerTemplate().send("direct:transacted",
                e -> e.getMessage().setBody(prompt))));
        caller.start();
        // waiting in place, for the lease a holds (or, once a handed it over, for the task)
        WaitingInPlace.await(caller);
        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).as("gone on at the interrupt, not at waitTimeout (60 s)").isFalse();
        assertThat(result.get().getException()).isInstanceOf(InterruptedException.class);
        assertThat(SIMULATOR.requests().submissions(taskUUID)).isEqualTo(1);
        assertThat(shared.get(taskUUID)).as("the task's record, not delivered").isNotNull();
    }

    @Test
    void theSpendOfTasksResumedAfterARestartOrAdoptedByAnotherInstanceIsChargedOnceAtTheRealCost() throws Exception {
        RouteBuilder submitWithBudget = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").to("seedance:submit?idempotencyKey=${body}&budget=5&budgetName=fleet");
            }
        };
        CamelContext a = instance("a", submitWithBudget);
        String first = a.createProducerTemplate().requestBody("direct:submit", "Resumed after a restart", String.class);
        String second = a.createProducerTemplate().requestBody("direct:submit", "Resumed too", String.class);
        a.close();
        contexts.remove(a);
        BudgetUsage reserved = usage();
        assertThat(reserved.spent()).isEqualByComparingTo("0");
        assertThat(reserved.reserved()).isEqualByComparingTo("0.81"); // two 720p tasks of 5 s

        RouteBuilder webhookRoute = new RouteBuilder() {
            @Override
            public void configure() {
                from("seedance:webhook").to("mock:delivered");
            }
        };
        CamelContext restarted = instance("a", webhookRoute);
        MockEndpoint delivered = restarted.getEndpoint("mock:delivered", MockEndpoint.class);
        delivered.expectedMessageCount(2); // a holds both again: it resumes them
        delivered.assertIsSatisfied(15_000);
        await().until(() -> shared.size() == 0);
        BigDecimal billed = cost(first).add(cost(second));
        assertThat(usage().spent()).isEqualByComparingTo(billed);
        assertThat(usage().reserved()).isEqualByComparingTo("0");
        restarted.close();
        contexts.remove(restarted);

        CamelContext c = instance("c", submitWithBudget);
        String fromC = c.createProducerTemplate().requestBody("direct:submit", "Adopted by b", String.class);
        c.close();
        contexts.remove(c);
        CamelContext b = instance("b", new RouteBuilder() {
            @Override
            public void configure() {
                from("seedance:webhook").to("mock:adopted");
            }
        });
        MockEndpoint adoptedByB = b.getEndpoint("mock:adopted", MockEndpoint.class);
        adoptedByB.expectedMessageCount(1);
        adoptedByB.assertIsSatisfied(15_000);
        await().until(() -> usage().reserved().signum() == 0);
        assertThat(usage().spent()).isEqualByComparingTo(billed.add(cost(fromC)));
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(3);
    }

    private BudgetUsage usage() {
        return shared.budgetLedger().usage("fleet", YearMonth.now(ZoneOffset.UTC).toString());
    }

    private static BigDecimal cost(String taskUUID) {
        return SIMULATOR.simulator().task(taskUUID).orElseThrow().cost();
    }
}
