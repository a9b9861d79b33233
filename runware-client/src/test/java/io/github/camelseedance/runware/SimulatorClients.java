package io.github.camelseedance.runware;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Builds clients pointed at a Runware simulator, with quick retries, and shuts their scheduler down. */
public final class SimulatorClients implements AutoCloseable {

    /** Quick retries: 3 of them from 10 ms, Retry-After ignored so tests do not wait for it. */
    public static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ofMillis(10), 2.0,
            Duration.ofMillis(100),
            0.2, false);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public RunwareClient client(String baseUrl, String apiKey, RetryPolicy retryPolicy) {
        return new RunwareClient(RunwareClientConfig.builder().baseUrl(baseUrl).apiKey(apiKey).scheduler(scheduler)
                .retryPolicy(retryPolicy).requestTimeout(Duration.ofSeconds(10)).build());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** The failure a future completed with, waiting at most 30 seconds. */
    public static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
        throw new AssertionError("expected a failure, got " + future.join());
    }
}
