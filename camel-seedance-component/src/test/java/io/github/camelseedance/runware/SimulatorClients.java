package io.github.camelseedance.runware;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Builds clients pointed at a Runware simulator, with quick retries, and shuts their scheduler down. */
final class SimulatorClients implements AutoCloseable {

    /** Quick retries: 3 of them from 10 ms, Retry-After ignored so tests do not wait for it. */
    static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(100),
            0.2, false);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    RunwareClient client(String baseUrl, String apiKey, RetryPolicy retryPolicy) {
        return new RunwareClient(RunwareClientConfig.builder().baseUrl(baseUrl).apiKey(apiKey).scheduler(scheduler)
                .retryPolicy(retryPolicy).requestTimeout(Duration.ofSeconds(10)).build());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
