package io.github.camelseedance.runware;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link BlockingDownloads} with an injected CPU load: free blocking threads are taken first; when all are busy, a
 * download waits for one while the CPUs are busy and is handed to the HTTP client while they have room (or their load
 * is unknown); the load is sampled only while every blocking thread is busy.
 */
class BlockingDownloadsTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<Double> load = new AtomicReference<>(0.0);
    private final AtomicInteger samples = new AtomicInteger();
    private final BlockingDownloads downloads = new BlockingDownloads(2, scheduler, () -> {
        samples.incrementAndGet();
        return load.get();
    });
    /** The attempts started by blocking reads and through the HTTP client, in their order, each left to complete. */
    private final List<CompletableFuture<String>> blockingRuns = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<String>> clientRuns = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void freeBlockingThreadsAreTakenFirstWithoutSampling() {
        CompletableFuture<String> first = run();
        assertThat(samples.get()).as("no sample while a blocking thread is free").isZero();
        CompletableFuture<String> second = run();

        assertThat(blockingRuns).hasSize(2);
        assertThat(clientRuns).isEmpty();
        assertThat(downloads.active()).isEqualTo(2);
        assertThat(downloads.blockingReads()).isEqualTo(2);

        blockingRuns.get(0).complete("a");
        assertThat(first).isCompletedWithValue("a");
        assertThat(downloads.active()).isEqualTo(1);
        assertThat(second).isNotDone();
    }

    @Test
    void whileTheCpusAreBusyAWaitingDownloadWaitsForABlockingThread() {
        load.set(0.95);
        run();
        run();
        CompletableFuture<String> third = run();

        await().atMost(Duration.ofSeconds(10)).until(() -> samples.get() >= 4);
        assertThat(downloads.waiting()).isEqualTo(1);
        assertThat(clientRuns).as("not handed over while the CPUs are busy").isEmpty();

        blockingRuns.get(1).complete("b");
        assertThat(blockingRuns).as("the freed thread taken by the waiting download").hasSize(3);
        assertThat(downloads.waiting()).isZero();
        blockingRuns.get(2).complete("c");
        assertThat(third).isCompletedWithValue("c");
        assertThat(downloads.blockingReads()).isEqualTo(3);
        assertThat(downloads.handedOver()).isZero();
    }

    @Test
    void whileTheCpusHaveRoomWaitingDownloadsAreHandedToTheHttpClient() {
        load.set(0.1);
        run();
        run();
        CompletableFuture<String> third = run();

        await().atMost(Duration.ofSeconds(10)).until(() -> clientRuns.size() == 1);
        assertThat(downloads.waiting()).isZero();
        CompletableFuture<String> fourth = run();
        assertThat(clientRuns).as("handed over at once while the last sample found room").hasSize(2);

        clientRuns.get(0).complete("c");
        clientRuns.get(1).complete("d");
        assertThat(third).isCompletedWithValue("c");
        assertThat(fourth).isCompletedWithValue("d");
        assertThat(downloads.active()).as("handed-over downloads hold no blocking thread").isEqualTo(2);
        assertThat(downloads.handedOver()).isEqualTo(2);
        assertThat(downloads.blockingReads()).isEqualTo(2);
    }

    @Test
    void anUnknownLoadCountsAsRoom() {
        load.set(Double.NaN);
        run();
        run();
        run();

        await().atMost(Duration.ofSeconds(10)).until(() -> clientRuns.size() == 1);
        assertThat(downloads.handedOver()).isEqualTo(1);
    }

    @Test
    void theLoadIsSampledOnlyWhileEveryBlockingThreadIsBusy() {
        load.set(0.95);
        run();
        run();
        await().atMost(Duration.ofSeconds(10)).until(() -> samples.get() >= 3);

        List<CompletableFuture<String>> running = List.copyOf(blockingRuns);
        running.get(0).complete("a");
        int afterRelease = samples.get();
        await().pollDelay(Duration.ofMillis(4 * BlockingDownloads.SAMPLE_MILLIS)).until(() -> true);
        assertThat(samples.get()).as("no sample once a thread is free").isLessThanOrEqualTo(afterRelease + 1);

        run();
        assertThat(blockingRuns).as("the free thread taken again").hasSize(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> samples.get() > afterRelease + 1);
    }

    @Test
    void aFailedBlockingAttemptFreesItsThreadAndFailsItsDownload() {
        CompletableFuture<String> failing = downloads.run(() -> {
            throw new IllegalStateException("refused");
        }, () -> CompletableFuture.completedFuture("client"));

        assertThatThrownBy(failing::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(downloads.active()).isZero();
        run();
        run();
        assertThat(blockingRuns).as("both threads free again").hasSize(2);
    }

    @Test
    void aBlockingThreadCountBelowOneIsRefused() {
        assertThatThrownBy(() -> new BlockingDownloads(0, scheduler))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, not 0");
    }

    /** Runs a download whose attempt, blocking or through the client, completes when the test completes it. */
    private CompletableFuture<String> run() {
        return downloads.run(() -> started(blockingRuns), () -> started(clientRuns));
    }

    private static CompletableFuture<String> started(List<CompletableFuture<String>> runs) {
        CompletableFuture<String> attempt = new CompletableFuture<>();
        runs.add(attempt);
        return attempt;
    }
}
