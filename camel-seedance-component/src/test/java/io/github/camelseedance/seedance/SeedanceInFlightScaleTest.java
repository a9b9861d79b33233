package io.github.camelseedance.seedance;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 500 tasks wait at once on a handful of component threads, polled in shared batched requests; a transacted exchange
 * waits in place.
 */
class SeedanceInFlightScaleTest {

    private static final int TASKS = 500;

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofHours(1))
            .syntheticVideos(1024)
            .build();

    @TempDir
    Path videos;

    private CamelContext context;

    @BeforeEach
    void startCamel() {
        context = new DefaultCamelContext();
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 200);
        context.addComponent("seedance", component);
        context.start();
    }

    @AfterEach
    void stopCamel() {
        context.stop();
    }

    @Test
    void fiveHundredTasksWaitOnAHandfulOfThreadsAndArePolledInBatches() throws Exception {
        AsyncProducer producer = context.getEndpoint("seedance:generate?tempDirectory=" + videos).createAsyncProducer();
        producer.start();
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        long startedBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        CountDownLatch done = new CountDownLatch(TASKS);
        List<Exchange> exchanges = new ArrayList<>();

        for (int i = 0; i < TASKS; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody("Scene number " + i);
            exchanges.add(exchange);
            boolean sync = producer.process(exchange, doneSync -> done.countDown());
            assertThat(sync).as("the producer returns at once and completes later").isFalse();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> SIMULATOR.requests().billedTasks() == TASKS);
        await().atMost(Duration.ofSeconds(60)).until(() -> SIMULATOR.requests().count("getResponse") >= TASKS);

        List<Thread> componentThreads = newThreads(threadsBefore);
        assertThat(componentThreads).as("threads started while %d tasks wait: %s", TASKS, componentThreads)
                .hasSizeLessThanOrEqualTo(16);
        long pollRequests = SIMULATOR.requests().apiRequests().stream()
                .filter(r -> r.tasks().stream().anyMatch(t -> "getResponse".equals(t.get("taskType")))).count();
        long polledUuids = SIMULATOR.requests().count("getResponse");
        assertThat(polledUuids / (double) pollRequests).as("task UUIDs per poll request").isGreaterThan(10);

        SIMULATOR.simulator().completeAll();
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(exchanges).allSatisfy(exchange -> {
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(1024);
        });
        assertThat(newThreads(threadsBefore)).hasSizeLessThanOrEqualTo(16);
        // no thread per HTTP answer either: threads started in the whole JVM (the simulator's pools included)
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - startedBefore;
        assertThat(started).as("threads started for %d tasks (%d submits, polls, downloads)", TASKS, 2 * TASKS)
                .isLessThan(64);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(TASKS);
        producer.stop();

        // done with the exchanges, as a route would be: their temporary videos are gone
        assertThat(videoFiles()).hasSize(TASKS);
        exchanges.forEach(SeedanceInFlightScaleTest::complete);
        assertThat(videoFiles()).isEmpty();
    }

    @Test
    void transactedExchangeWaitsInPlace() throws Exception {
        AsyncProducer producer = context.getEndpoint("seedance:generate?tempDirectory=" + videos).createAsyncProducer();
        producer.start();
        SIMULATOR.faults().clear();
        Exchange exchange = new DefaultExchange(context);
        exchange.getExchangeExtension().setTransacted(true);
        exchange.getMessage().setBody("A transacted scene");
        Thread completer = new Thread(() -> {
            await().until(() -> SIMULATOR.requests().billedTasks() == 1);
            SIMULATOR.simulator().completeAll();
        });
        completer.start();

        boolean sync = producer.process(exchange, doneSync -> {
        });

        assertThat(sync).isTrue();
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(1024);
        completer.join();
        producer.stop();
        complete(exchange);
        assertThat(videoFiles()).isEmpty();
    }

    /** Runs the exchange's completions, as the end of its route would. */
    private static void complete(Exchange exchange) {
        UnitOfWorkHelper.doneSynchronizations(exchange, exchange.getExchangeExtension().handoverCompletions());
    }

    /**
     * The videos in the temporary folder (in this process's own folder there, beside its lock file), without the
     * second names offered to file sinks (hard links: the same files).
     */
    private List<Path> videoFiles() throws IOException {
        try (Stream<Path> files = Files.walk(videos)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().equals(".lock"))
                    .filter(file -> !file.getFileName().toString().startsWith("sink-")).toList();
        }
    }

    /** Threads alive now that were not before, but the simulator's and Awaitility's. */
    private static List<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .filter(Thread::isAlive)
                .filter(thread -> !thread.getName().startsWith("runware-sim-")
                                  && !thread.getName().startsWith("awaitility"))
                .toList();
    }
}
