package io.github.camelseedance.seedance.runtime;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

import io.github.camelseedance.runware.BlockingDownloads;
import io.github.camelseedance.runware.DownloadLimiter;
import io.github.camelseedance.runware.RetryPolicy;
import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.RunwareClientConfig;
import io.github.camelseedance.runware.RunwareHttpClients;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.seedance.cost.BudgetBook;
import io.github.camelseedance.seedance.cost.CostGuard;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskLeases;
import io.github.camelseedance.seedance.journal.TaskStore;
import io.github.camelseedance.seedance.journal.TaskStores;
import io.github.camelseedance.seedance.monitor.ClientActivity;
import io.github.camelseedance.seedance.monitor.SeedanceMetrics;
import io.github.camelseedance.seedance.monitor.TaskMonitor;
import io.github.camelseedance.seedance.webhook.WebhookReceiver;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a started seedance component runs: one Runware client and task tracker per API key and base URL (so every task
 * in flight is polled in the same batched requests), a single scheduler thread for poll cycles and retry timers, the
 * pools on which API requests, downloads and the rest of the routes run, the webhook receiver, the task journal and
 * the resumption of the tasks it recorded before a restart. No thread waits while a video renders.
 * <p>
 * The component only holds the options; it creates a runtime when it starts and stops it when it stops.
 */
public final class SeedanceRuntime extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SeedanceRuntime.class);
    /** Threads of the API HTTP client's own I/O: a blocking send must never wait for a task queued behind it. */
    private static final int HTTP_IO_THREADS = 2;
    /**
     * The download HTTP clients of the component's own: each reads its downloads on its own selector thread with no
     * hand-off per read, so the bodies arrive on this many threads; one with blocking downloads (for the streams and
     * the downloads handed over while the CPUs have room).
     */
    private static final int DOWNLOAD_IO_THREADS = 2;
    /** The most threads that send download GETs: each is held only until an answer's headers arrive. */
    private static final int DOWNLOAD_THREADS = 4;

    private final SeedanceComponent component;
    private final Map<String, RunwareServices> services = new HashMap<>();
    private final WebhookReceiver webhookReceiver;
    private TaskStore taskStore;
    private TaskLeases taskLeases;
    private IdempotentRepository webhookIdempotentRepository;
    private TaskJournal taskJournal;
    private TemporaryVideos temporaryVideos;
    private HttpClient httpClient;
    private List<HttpClient> downloadHttpClients;
    private ScheduledExecutorService scheduler;
    private ExecutorService workerPool;
    private final Executor workerExecutor = this::runOnWorker;
    private ExecutorService httpPool;
    private ExecutorService transportPool;
    private ExecutorService downloadPool;
    private DownloadLimiter downloadLimiter;
    private BlockingDownloads blockingDownloads;
    private TaskMonitor monitor;
    private BudgetBook budgets;
    private CostGuard costGuard;
    private SeedanceMetrics metrics;

    public SeedanceRuntime(SeedanceComponent component) {
        this.component = component;
        this.webhookReceiver = new WebhookReceiver(component, this);
    }

    /**
     * The client and tracker for an API key and base URL, created on first use and shared by every endpoint that uses
     * the same pair.
     */
    public synchronized RunwareServices services(String baseUrl, String apiKey) {
        if (!isStarted() && !isStarting()) {
            throw new IllegalStateException("The seedance component is not started");
        }
        return services.computeIfAbsent(baseUrl + '\n' + apiKey, key -> createServices(baseUrl, apiKey));
    }

    private RunwareServices createServices(String baseUrl, String apiKey) {
        RetryPolicy defaults = RetryPolicy.defaults();
        RetryPolicy retryPolicy = new RetryPolicy(component.getMaxRetries(),
                Duration.ofMillis(component.getRetryBackoff()),
                defaults.multiplier(), defaults.maxBackoff(), defaults.jitter(), defaults.honourRetryAfter());
        ClientActivity activity = monitor.clientActivity();
        RunwareClient client = new RunwareClient(RunwareClientConfig.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .httpClient(httpClient)
                .downloadHttpClients(downloadHttpClients)
                .transportExecutor(transportPool)
                .downloadExecutor(downloadPool)
                .downloadLimiter(downloadLimiter)
                .blockingDownloads(blockingDownloads)
                .scheduler(scheduler)
                .retryPolicy(retryPolicy)
                .listener(activity)
                .providerRules(component.isProviderRules())
                .submitBatchSize(component.getSubmitBatchSize())
                .submitRequests(component.getHttpPoolSize())
                .build());
        VideoTaskTracker tracker = new VideoTaskTracker(client, scheduler, component.isBatchPolling(),
                component.getMaxBatchSize());
        return new RunwareServices(client, tracker, activity);
    }

    /** @return every client and tracker created so far */
    public synchronized List<RunwareServices> allServices() {
        return List.copyOf(services.values());
    }

    /**
     * Gives a webhook result to the exchange waiting for its task, if there is one. Webhook requests offer their
     * results at once: none waits for another's (the trackers guard themselves).
     */
    public boolean offerToWaitingExchange(TaskStatus status) {
        for (RunwareServices candidate : allServices()) {
            if (candidate.tracker().offer(status)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hands the finished task of no waiting exchange (a resumed one) to the {@code seedance:webhook} consumer, if one
     * runs; else it stays recorded until its work is redelivered.
     *
     * @return {@code false} when the consumer's route failed (to be tried again)
     */
    public boolean deliverUnclaimed(TaskStatus status) {
        try {
            if (!webhookReceiver.deliverToConsumer(status)) {
                LOG.info("Seedance task {} finished with no exchange waiting; it is delivered when its work is "
                         + "redelivered",
                        status.taskUUID());
            }
            return true;
        } catch (Exception e) {
            // the seedance:webhook consumer's exception handler has had it; the task stays recorded
            LOG.debug("Delivering the resumed Seedance task {} failed; trying again at the next lease renewal",
                    status.taskUUID(), e);
            return false;
        }
    }

    /** @return what the component's tasks are doing: tasks in flight, totals, render times, HTTP answers */
    public TaskMonitor monitor() {
        return monitor;
    }

    /** @return the budget accounts in use and the ledger of their spend */
    public BudgetBook budgets() {
        return budgets;
    }

    /** @return the guard that prices, caps and reserves tasks before their submit */
    public CostGuard costGuard() {
        return costGuard;
    }

    /** @return whether the tasks in flight are polled in batched requests */
    public boolean isBatchPolling() {
        return component.isBatchPolling();
    }

    public WebhookReceiver webhookReceiver() {
        return webhookReceiver;
    }

    public TaskJournal taskJournal() {
        return taskJournal;
    }

    public TaskLeases taskLeases() {
        return taskLeases;
    }

    public IdempotentRepository webhookIdempotentRepository() {
        return webhookIdempotentRepository;
    }

    /** The lifetime of the downloaded video files. */
    public TemporaryVideos temporaryVideos() {
        return temporaryVideos;
    }

    /** The pool on which exchanges continue once their task is done. */
    public ExecutorService workerPool() {
        return workerPool;
    }

    /**
     * The worker pool as an executor for continuations (the rest of a generate once its wait ended, the exchange's
     * callback): work it refuses (the component is stopping) runs on the
     * calling thread instead, so that a continuation is never lost.
     */
    public Executor workerExecutor() {
        return workerExecutor;
    }

    private void runOnWorker(Runnable command) {
        try {
            workerPool.execute(command);
        } catch (RejectedExecutionException stopping) {
            command.run();
        }
    }

    @Override
    protected void doStart() throws Exception {
        if (component.getSubmitBatchSize() < 1) {
            throw new IllegalArgumentException("submitBatchSize must be at least 1 (1 sends every task alone), not "
                                               + component.getSubmitBatchSize());
        }
        ExecutorServiceManager executors = component.getCamelContext().getExecutorServiceManager();
        temporaryVideos = new TemporaryVideos(component.getCamelContext());
        scheduler = executors.newSingleThreadScheduledExecutor(component, "SeedanceScheduler");
        workerPool = executors.newFixedThreadPool(component, "SeedanceWorker", component.getWorkerPoolSize());
        transportPool = executors.newFixedThreadPool(component, "SeedanceHttp", component.getHttpPoolSize());
        downloadLimiter = downloadLimiter(component);
        downloadPool = executors.newFixedThreadPool(component, "SeedanceDownload", downloadThreads(component));
        blockingDownloads = component.isBlockingDownloads()
                ? new BlockingDownloads(blockingDownloadThreads(component), scheduler)
                : null;
        httpClient = component.getHttpClient();
        if (httpClient == null) {
            httpPool = executors.newFixedThreadPool(component, "SeedanceHttpIO", HTTP_IO_THREADS);
            httpClient = RunwareHttpClients.create(httpPool);
            downloadHttpClients = Stream.generate(RunwareHttpClients::createForDownloads)
                    .limit(downloadClients(component)).toList();
        } else {
            downloadHttpClients = List.of(httpClient);
        }
        taskStore = TaskStores.create(component);
        ServiceHelper.startService(taskStore);
        String instanceId = ObjectHelper.isNotEmpty(component.getInstanceId())
                ? component.getInstanceId()
                : TaskStores.defaultInstanceId();
        taskJournal = new TaskJournal(taskStore, instanceId, TaskLeases.leaseDuration(component.getLeaseDuration()),
                Clock.systemUTC());
        LOG.info("Seedance tasks in flight are recorded in {} as instance {}", taskStore, instanceId);
        monitor = new TaskMonitor(instanceId, component.getClock());
        webhookIdempotentRepository = component.getWebhookIdempotentRepository();
        if (webhookIdempotentRepository == null) {
            webhookIdempotentRepository = MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
        }
        ServiceHelper.startService(webhookIdempotentRepository);
        budgets = new BudgetBook(taskStore.budgetLedger(), component.getClock());
        costGuard = new CostGuard(budgets, monitor);
        bindMetrics();
        if (component.isWebhookMode()) {
            webhookReceiver.listenOnceStarted();
        }
        taskLeases = new TaskLeases(taskJournal, scheduler, workerPool, new LeaseDelivery(component, this));
        taskLeases.start();
    }

    private static DownloadLimiter downloadLimiter(SeedanceComponent component) {
        int max = component.getMaxConcurrentDownloads();
        if (max < 1) {
            throw new IllegalArgumentException("maxConcurrentDownloads must be at least 1, not " + max);
        }
        return component.isAdaptiveDownloads() ? DownloadLimiter.adaptive(max) : DownloadLimiter.fixed(max);
    }

    /**
     * @return the HTTP clients of the component's own that download (when it makes its HTTP client), each reading on
     *         its own selector thread
     */
    public static int downloadClients(SeedanceComponent component) {
        return component.isBlockingDownloads()
                ? 1
                : Math.min(DOWNLOAD_IO_THREADS, component.getMaxConcurrentDownloads());
    }

    /** @return the threads of the component's download pool (SeedanceDownload), which send the GETs */
    public static int downloadThreads(SeedanceComponent component) {
        return Math.min(DOWNLOAD_THREADS, component.getMaxConcurrentDownloads());
    }

    /**
     * @return the most blocking downloads at once: the download threads but one, which stays free to send and complete
     *         the downloads handed to the HTTP client (with a single download thread, that one)
     */
    public static int blockingDownloadThreads(SeedanceComponent component) {
        return Math.max(1, downloadThreads(component) - 1);
    }

    /** @return what chooses between blocking reads and the HTTP client per download; {@code null} when off */
    public BlockingDownloads blockingDownloads() {
        return blockingDownloads;
    }

    /** @return how many videos are downloaded at once: the limit now, the downloads running and waiting */
    public DownloadLimiter downloadLimiter() {
        return downloadLimiter;
    }

    /**
     * Registers the metrics with the application's Micrometer registry: now if it is bound already, else once the
     * CamelContext has started (Camel Main binds it while starting).
     */
    private void bindMetrics() throws Exception {
        if (tryBindMetrics()) {
            return;
        }
        component.getCamelContext().addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // bound when fully started, once every service had its start
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                tryBindMetrics();
            }
        });
    }

    private synchronized boolean tryBindMetrics() {
        if (metrics == null && (isStarting() || isStarted())) {
            metrics = SeedanceMetrics.bind(component.getCamelContext(), monitor,
                    () -> allServices().stream().mapToLong(s -> s.tracker().polls()).sum(),
                    () -> allServices().stream().mapToLong(s -> s.tracker().pollRequests()).sum());
            if (metrics != null) {
                budgets.onNewAccount((account, book) -> metrics.budget(account,
                        () -> book.state(account).usage().spent(), () -> book.state(account).usage().reserved(),
                        () -> book.state(account).budget().limit()));
            }
        }
        return metrics != null;
    }

    @Override
    protected void doStop() throws Exception {
        if (taskLeases != null) {
            taskLeases.stop();
        }
        if (taskJournal != null) {
            taskJournal.close();
        }
        synchronized (this) {
            if (metrics != null) {
                metrics.close();
                metrics = null;
            }
            services.values().forEach(RunwareServices::close);
            services.clear();
        }
        webhookReceiver.stop();
        ServiceHelper.stopService(webhookIdempotentRepository);
        if (component.getTaskStore() == null) {
            ServiceHelper.stopService(taskStore);
            TaskStores.closeOwned(taskStore, component);
        }
        ExecutorServiceManager executors = component.getCamelContext().getExecutorServiceManager();
        executors.shutdown(scheduler);
        executors.shutdown(workerPool);
        executors.shutdown(downloadPool);
        executors.shutdown(transportPool);
        if (httpPool != null) {
            executors.shutdown(httpPool);
        }
        // the JDK clients' selector threads end once the clients are unreachable
        httpClient = null;
        downloadHttpClients = null;
        blockingDownloads = null;
        temporaryVideos.stop();
    }
}
