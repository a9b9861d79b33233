package io.github.camelseedance.seedance;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.monitor.TaskMonitor;
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
 * (for whoever looks at the exchange in flight; a transacted exchange shows it once its generate ended), but no
 * exchange property; the mark that keeps the task UUID from
 * becoming the next generate's input is written when the generate ends. A transacted exchange waits in place, the
 * generate working on a copy of it; when its thread is interrupted while the task renders (a forced shutdown's
 * shutdownNow, a caller's own timeout), the exchange leaves the generate with an InterruptedException at once and
 * gets nothing of the task: no task UUID that would become the task UUID of the next generate on the exchange (here a
 * fallback generate with another prompt in doCatch), no result written onto it after it went on, and the task, done
 * later, keeps its record (it reached no one) unless it failed for good, while another exchange waiting for the same
 * task gets it, and so does the same work sent again on the exchange (a transaction's redelivery).
 */
class SeedanceWaitingExchangeTest extends CamelTestSupport {

    private final AtomicInteger downloadsExpected = new AtomicInteger();
    private final AtomicBoolean retriedVideoThere = new AtomicBoolean();

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
                from("direct:transactedOnly")
                        .process(e -> e.getExchangeExtension().setTransacted(true))
                        .to("seedance:generate");
                from("direct:sameWorkAgain")
                        .process(e -> e.getExchangeExtension().setTransacted(true))
                        .doTry()
                        .to("seedance:generate")
                        .doCatch(InterruptedException.class)
                        .process(e -> Thread.interrupted())
                        // the same work again on the same exchange, as a transaction's redelivery does
                        .to("seedance:generate")
                        .process(e -> {
                            // the abandoned generate downloaded the same video too
                            await().atMost(Duration.ofSeconds(10))
                                    .until(() -> SIMULATOR.requests().mediaDownloads() >= downloadsExpected.get());
                            retriedVideoThere.set(Files.isRegularFile(
                                    e.getMessage().getBody(SeedanceVideo.class).getPath()));
                        })
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

        String first = renderingTask(0);
        caller.interrupt();
        caller.join(20_000);

        List<Map<String, Object>> tasks = SIMULATOR.requests().tasks("videoInference");
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(1)).containsEntry("positivePrompt", "Fallback: a lighthouse in a storm");
        String fallback = (String) tasks.get(1).get("taskUUID");
        assertThat(fallback).as("the fallback generate's task UUID").isNotEqualTo(first);
        Exchange done = result.get();
        assertThat(done.getMessage().getHeader(SeedanceConstants.RESUMED)).isEqualTo(false);
        assertThat(done.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(fallback);

        // the first task finished while the fallback waited, and its video was downloaded onto the generate's copy
        await().atMost(Duration.ofSeconds(20)).until(() -> SIMULATOR.requests().mediaDownloads() == 2
                                                           && monitor().tasksInFlight().isEmpty());
        assertThat(done.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(fallback);
        assertThat(done.getMessage().getBody(SeedanceVideo.class).getTaskUUID()).isEqualTo(fallback);
        // it reached no exchange: its record stays, for the task to be resumed, where a delivered one is removed
        await().atMost(Duration.ofSeconds(5)).until(() -> !journal().isBusy(first));
        assertThat(journal().get(first)).as("the record of the task the interrupted exchange left").isNotNull();
        assertThat(journal().get(fallback)).as("the record of the task delivered").isNull();
    }

    @Test
    void anInterruptedWaitLeavesAnotherExchangeWaitingForTheSameTaskItsVideo() throws Exception {
        String key = "one-heron-" + System.nanoTime();
        CompletableFuture<Exchange> other = template.asyncSend("direct:generate", e -> {
            e.getMessage().setBody("A heron over a frozen lake");
            e.getMessage().setHeader(SeedanceConstants.IDEMPOTENCY_KEY, key);
        });
        String task = renderingTask(0);
        AtomicReference<Exchange> result = new AtomicReference<>();
        Thread caller = new Thread(() -> result.set(template.send("direct:transactedOnly", e -> {
            e.getMessage().setBody("A heron over a frozen lake");
            e.getMessage().setHeader(SeedanceConstants.IDEMPOTENCY_KEY, key);
        })));
        caller.start();
        // waiting in place for the same task
        WaitingInPlace.await(caller);
        caller.interrupt();
        caller.join(20_000);

        assertThat(result.get().getException()).isInstanceOf(InterruptedException.class);
        Exchange delivered = other.get();
        assertThat(delivered.getException()).isNull();
        assertThat(delivered.getMessage().getBody(SeedanceVideo.class).getTaskUUID()).isEqualTo(task);
        assertThat(SIMULATOR.requests().submissions(task)).as("one task for the key").isEqualTo(1);
    }

    @Test
    void aTaskThatFailsAfterItsTransactedExchangeWentOnEndsItsRecord() throws Exception {
        SIMULATOR.faults().failNextTasks("providerError", 1);
        AtomicReference<Exchange> result = new AtomicReference<>();
        int index = SIMULATOR.requests().tasks("videoInference").size();
        Thread caller = new Thread(() -> result.set(template.send("direct:transactedOnly",
                e -> e.getMessage().setBody("A heron over a frozen lake"))));
        caller.start();
        String task = renderingTask(index);
        caller.interrupt();
        caller.join(20_000);
        assertThat(result.get().getException()).isInstanceOf(InterruptedException.class);

        // failed at Runware: nothing of it can ever be delivered, so no record is kept to wait for it
        await().atMost(Duration.ofSeconds(20)).until(() -> SIMULATOR.simulator().task(task)
                .filter(t -> t.finishedAt() != null).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> journal().get(task) == null);
    }

    @Test
    void theSameWorkAgainOnAnInterruptedExchangeGetsItsVideoWhileTheAbandonedGenerateEnds() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            String key = "again-" + attempt + "-" + System.nanoTime();
            int index = SIMULATOR.requests().tasks("videoInference").size();
            // the abandoned generate's download and the second one's, of one task
            downloadsExpected.set(SIMULATOR.requests().mediaDownloads() + 2);
            AtomicReference<Exchange> result = new AtomicReference<>();
            Thread caller = new Thread(() -> result.set(template.send("direct:sameWorkAgain", e -> {
                e.getMessage().setBody("A heron over a frozen lake");
                e.getMessage().setHeader(SeedanceConstants.IDEMPOTENCY_KEY, key);
            })));
            caller.start();
            String task = renderingTask(index);
            caller.interrupt();
            caller.join(30_000);

            assertThat(result.get().getException()).as("attempt %d", attempt).isNull();
            assertThat(result.get().getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(task);
            assertThat(retriedVideoThere.get()).as("attempt %d: the video file of its body", attempt).isTrue();
            assertThat(SIMULATOR.requests().submissions(task)).isEqualTo(1);
        }
    }

    /** The task UUID of the simulator's task of that index, once it is accepted and rendering. */
    private String renderingTask(int index) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Map<String, Object>> tasks = SIMULATOR.requests().tasks("videoInference");
            if (tasks.size() <= index) {
                return null;
            }
            String taskUUID = (String) tasks.get(index).get("taskUUID");
            return SIMULATOR.simulator().task(taskUUID).filter(t -> t.finishedAt() == null).isPresent()
                    ? taskUUID
                    : null;
        }, taskUUID -> taskUUID != null);
    }

    private TaskMonitor monitor() {
        return context.getComponent("seedance", SeedanceComponent.class).runtime().monitor();
    }

    private TaskJournal journal() {
        return context.getComponent("seedance", SeedanceComponent.class).runtime().taskJournal();
    }

    /** The exchange in flight once its submit was acknowledged (the task UUID header is set then), or null. */
    private Exchange acknowledgedInFlight() {
        return context.getInflightRepository().browse().stream().map(InflightRepository.InflightExchange::getExchange)
                .filter(e -> e.getMessage().getHeader(SeedanceConstants.TASK_UUID) != null
                             && e.getMessage().getHeader(SeedanceConstants.STATUS) != null)
                .findFirst().orElse(null);
    }
}
