package io.github.camelseedance.seedance;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.github.camelseedance.runware.RetryPolicy;
import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.RunwareClientConfig;
import io.github.camelseedance.runware.VideoTaskTracker;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.ObjectHelper;

/**
 * The seedance component: generates videos with ByteDance Seedance through the Runware API.
 * <p>
 * The component owns what its endpoints share: one Runware client and one task tracker per API key and base URL (so
 * every task in flight is polled in the same batched requests), a single scheduler thread for poll cycles and retry
 * timers, and a small worker pool on which exchanges continue when their task is done. No thread waits while a video
 * renders.
 */
@Component("seedance")
public class SeedanceComponent extends DefaultComponent {

    @Metadata(description = "The component configuration: defaults for every endpoint's options.")
    private SeedanceConfiguration configuration = new SeedanceConfiguration();
    @Metadata(label = "advanced", autowired = true,
              description = "The java.net.http.HttpClient used to talk to Runware and to download videos. By default "
                            + "one is created on a small pool of the component's own threads.")
    private HttpClient httpClient;
    @Metadata(label = "advanced", defaultValue = "true",
              description = "Poll every task in flight in shared getResponse requests carrying many task UUIDs. "
                            + "Batching is not documented by Runware, so it can be switched off: one request per task.")
    private boolean batchPolling = true;
    @Metadata(label = "advanced", defaultValue = "50",
              description = "The largest number of task UUIDs in one batched getResponse request.")
    private int maxBatchSize = 50;
    @Metadata(label = "advanced", defaultValue = "3",
              description = "How often a request that failed with 408, 429, 5xx or a network error is retried, with "
                            + "exponential backoff and jitter, honouring Retry-After. A retried submit reuses its task "
                            + "UUID, so it is never billed twice.")
    private int maxRetries = 3;
    @Metadata(label = "advanced", defaultValue = "1000", javaType = "java.time.Duration",
              description = "The backoff before the first retry; it doubles on each further retry up to 30 seconds.")
    private long retryBackoff = 1000;
    @Metadata(label = "advanced", defaultValue = "4",
              description = "Threads on which exchanges continue once their task is done (downloads, then the rest of "
                            + "the route). Tasks that are waiting hold no thread.")
    private int workerPoolSize = 4;

    private final Map<String, RunwareServices> services = new HashMap<>();
    private ScheduledExecutorService scheduler;
    private ExecutorService workerPool;
    private ExecutorService httpPool;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SeedanceOperation operation = operationOf(remaining);
        SeedanceEndpoint endpoint = new SeedanceEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    private static SeedanceOperation operationOf(String remaining) {
        for (SeedanceOperation operation : SeedanceOperation.values()) {
            if (operation.name().equalsIgnoreCase(remaining)) {
                return operation;
            }
        }
        throw new IllegalArgumentException(
                "Unknown seedance operation '" + remaining + "'; allowed: generate, submit, status, download, upload, "
                                           + "estimate");
    }

    /**
     * The client and tracker for an API key and base URL, created on first use and shared by every endpoint that uses
     * the same pair.
     */
    synchronized RunwareServices services(String baseUrl, String apiKey) {
        ObjectHelper.notNull(scheduler, "scheduler (the component is not started)");
        return services.computeIfAbsent(baseUrl + '\n' + apiKey, key -> createServices(baseUrl, apiKey));
    }

    private RunwareServices createServices(String baseUrl, String apiKey) {
        RetryPolicy retryPolicy = new RetryPolicy(
                maxRetries, Duration.ofMillis(retryBackoff), 2.0, Duration.ofSeconds(30), 0.2, true);
        RunwareClient client = new RunwareClient(RunwareClientConfig.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .httpClient(httpClient())
                .scheduler(scheduler)
                .retryPolicy(retryPolicy)
                .build());
        VideoTaskTracker tracker = new VideoTaskTracker(client, scheduler, batchPolling, maxBatchSize);
        return new RunwareServices(client, tracker);
    }

    private HttpClient httpClient() {
        if (httpClient == null) {
            httpClient = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .executor(httpPool)
                    .build();
        }
        return httpClient;
    }

    /** The pool on which exchanges continue once their task is done. */
    ExecutorService workerPool() {
        return workerPool;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ExecutorServiceManager executors = getCamelContext().getExecutorServiceManager();
        scheduler = executors.newSingleThreadScheduledExecutor(this, "SeedanceScheduler");
        workerPool = executors.newFixedThreadPool(this, "SeedanceWorker", workerPoolSize);
        httpPool = executors.newFixedThreadPool(this, "SeedanceHttp", 2);
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            services.values().forEach(RunwareServices::close);
            services.clear();
        }
        ExecutorServiceManager executors = getCamelContext().getExecutorServiceManager();
        executors.shutdown(scheduler);
        executors.shutdown(workerPool);
        executors.shutdown(httpPool);
        super.doStop();
    }

    public SeedanceConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SeedanceConfiguration configuration) {
        this.configuration = configuration;
    }

    public HttpClient getHttpClient() {
        return httpClient;
    }

    public void setHttpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
    }

    public boolean isBatchPolling() {
        return batchPolling;
    }

    public void setBatchPolling(boolean batchPolling) {
        this.batchPolling = batchPolling;
    }

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(long retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public int getWorkerPoolSize() {
        return workerPoolSize;
    }

    public void setWorkerPoolSize(int workerPoolSize) {
        this.workerPoolSize = workerPoolSize;
    }
}
