package io.github.camelseedance.seedance;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.camelseedance.runware.DownloadLimiter;
import io.github.camelseedance.runware.RetryPolicy;
import io.github.camelseedance.runware.RunwareClientConfig;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.runware.rules.Violation;
import io.github.camelseedance.seedance.journal.JdbcTaskStore;
import io.github.camelseedance.seedance.journal.TaskStore;
import io.github.camelseedance.seedance.operation.MessageConfiguration;
import io.github.camelseedance.seedance.runtime.SeedanceRuntime;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.ObjectHelper;

/**
 * The seedance component: generates videos with ByteDance Seedance through the Runware API.
 * <p>
 * The component holds the options its endpoints share; what it runs once started (one Runware client and task tracker
 * per API key and base URL, the scheduler and pools, the webhook receiver, the task journal) is its
 * {@link SeedanceRuntime}.
 */
@Component("seedance")
public class SeedanceComponent extends HealthCheckComponent {

    /** The secret options Camel does not know as sensitive by their name, as its sensitive keywords spell them. */
    private static final String SECRET_OPTIONS = "webhooktoken";

    @Metadata(description = "The component configuration: defaults for every endpoint's options.")
    private SeedanceConfiguration configuration = new SeedanceConfiguration();
    @Metadata(label = "advanced", autowired = true,
              description = "The java.net.http.HttpClient used to talk to Runware and to download videos. By default "
                            + "the component creates one for the API on a small pool of its own threads, and two for "
                            + "the downloads (one with blockingDownloads, the default, for the streams and the "
                            + "downloads it hands over), which read and write the bodies on their own selector "
                            + "threads. Blocking downloads take this client's proxy, TLS context, redirect policy and "
                            + "connect timeout.")
    private HttpClient httpClient;
    @Metadata(label = "advanced", defaultValue = "true",
              description = "Poll every task in flight in shared getResponse requests carrying many task UUIDs. "
                            + "Batching is not documented by Runware (its SDKs poll one task per request), so it can "
                            + "be switched off: one request per task. Batched answers are checked: a task one leaves "
                            + "out is polled alone at once, and after 3 incomplete answers batching turns itself off "
                            + "for that base URL (logged once, shown in the health check).")
    private boolean batchPolling = true;
    @Metadata(label = "advanced", defaultValue = "true",
              description = "Check requests against the ByteDance-side input rules that Runware's model page does not "
                            + "state (a reference audio only together with a reference image or video; at most 12 "
                            + "reference files in all) before anything is sent. Switch off should Runware relax them.")
    private boolean providerRules = true;
    @Metadata(label = "advanced", defaultValue = "" + VideoTaskTracker.DEFAULT_MAX_BATCH_SIZE,
              description = "The largest number of task UUIDs in one batched getResponse request.")
    private int maxBatchSize = VideoTaskTracker.DEFAULT_MAX_BATCH_SIZE;
    @Metadata(label = "advanced", defaultValue = "" + RunwareClientConfig.DEFAULT_SUBMIT_BATCH_SIZE,
              description = "The most videoInference tasks in one submit request. Runware's envelope documents "
                            + "several tasks per request, each answered on its own. Only submits that wait share a "
                            + "request: a submit goes at once while fewer than httpPoolSize submit requests are on "
                            + "the way, and those that come meanwhile go together in the next one. 1 sends every task "
                            + "alone, as the official SDKs do. A shared answer that leaves a task out turns sharing "
                            + "off (logged once); one refusing the request as too large halves it.")
    private int submitBatchSize = RunwareClientConfig.DEFAULT_SUBMIT_BATCH_SIZE;
    @Metadata(label = "advanced", defaultValue = "" + RetryPolicy.DEFAULT_MAX_RETRIES,
              description = "How often a request that failed with 408, 429, 5xx or a network error is retried, with "
                            + "exponential backoff and jitter, honouring Retry-After. A retried submit reuses its task "
                            + "UUID, so it is never billed twice.")
    private int maxRetries = RetryPolicy.DEFAULT_MAX_RETRIES;
    @Metadata(label = "advanced", defaultValue = "" + RetryPolicy.DEFAULT_INITIAL_BACKOFF_MILLIS,
              javaType = "java.time.Duration",
              description = "The backoff before the first retry; it doubles on each further retry up to 30 seconds.")
    private long retryBackoff = RetryPolicy.DEFAULT_INITIAL_BACKOFF_MILLIS;
    @Metadata(label = "advanced", defaultValue = "4",
              description = "Threads on which exchanges continue once their task is done (the rest of the route). "
                            + "Tasks that are waiting hold no thread.")
    private int workerPoolSize = 4;
    @Metadata(label = "advanced", defaultValue = "2",
              description = "Threads that carry the API requests to Runware (submits, batched polls, uploads): also "
                            + "the most API requests at once.")
    private int httpPoolSize = 2;
    @Metadata(label = "advanced", defaultValue = "" + DownloadLimiter.DEFAULT_MAX,
              description = "The most videos downloaded at once, by all endpoints of the component together: the cap "
                            + "of adaptive downloads, or the fixed number when adaptiveDownloads is false. Finished "
                            + "videos beyond it wait their turn, which bounds sockets, open files and memory. With "
                            + "blockingDownloads (the default) at most 3 are read by blocking reads at once, and those "
                            + "beyond wait for one while the CPUs are busy; through the HTTP client a download holds no "
                            + "thread while its body arrives (the GETs are sent from a pool of at most 4 threads, "
                            + "SeedanceDownload, each held until an answer's headers arrive), so a larger number costs "
                            + "no threads.")
    private int maxConcurrentDownloads = DownloadLimiter.DEFAULT_MAX;
    @Metadata(label = "advanced", defaultValue = "true",
              description = "Adapt the number of videos downloaded at once to what the network and the disk take: "
                            + "start at " + DownloadLimiter.ADAPTIVE_START + ", allow more while the throughput "
                            + "rises, step back when more brought nothing, halve after a download failed with no "
                            + "answer, a timeout, 408, 429 or 5xx, or when heap or file handles run short (over 90 "
                            + "%), never more than maxConcurrentDownloads. False: always up to maxConcurrentDownloads "
                            + "at once (set maxConcurrentDownloads=4 for the fixed number of earlier versions).")
    private boolean adaptiveDownloads = true;
    @Metadata(label = "advanced", defaultValue = "true",
              description = "Read downloads to a file by blocking reads on a SeedanceDownload thread, which each holds "
                            + "for its whole transfer, into one reused buffer: measured on a 2-core host, less than "
                            + "half the CPU per byte and far less garbage than the HTTP client's reading. At most the "
                            + "download threads but one at once (3, or fewer with a lower maxConcurrentDownloads; the "
                            + "last sends the others). A download that finds them all busy waits for one while the "
                            + "host's CPUs are at least 80 % busy (sampled every 100 ms while they are all busy), and "
                            + "goes through the HTTP client while they have room, so that a slow network still gets "
                            + "as many transfers at once as the download limiter allows. False: every download "
                            + "through the HTTP client, holding no thread while its body arrives. streamVideo "
                            + "streams always go through the HTTP client. The JDK's keep-alive cache of the blocking "
                            + "connections runs one thread of its own (Keep-Alive-Timer) while connections are idle.")
    private boolean blockingDownloads = true;

    @Metadata(label = "webhook",
              description = "The public URL at which Runware reaches this application's webhook path, for example "
                            + "https://videos.example.com/seedance/webhook. When set, the component serves the webhook "
                            + "and generate sends this URL (with the token) and waits for the webhook instead of "
                            + "polling, falling back to polling after webhookGracePeriod.")
    private String webhookPublicUrl;
    @Metadata(label = "webhook", defaultValue = "/seedance/webhook",
              description = "The path the webhook is served on, by the runtime's HTTP server (platform-http).")
    private String webhookPath = "/seedance/webhook";
    @Metadata(label = "webhook", secret = true,
              description = "The secret token Runware must send back in the webhook URL (query parameter token); a "
                            + "delivery without it is answered 401. Required to receive webhooks.")
    private String webhookToken;
    @Metadata(label = "webhook", defaultValue = "1048576",
              description = "The largest webhook body accepted, in bytes; a larger one is answered 413. The token and "
                            + "the declared size are checked before the body is read; on Vert.x the receiver reads at "
                            + "most this many bytes.")
    private int webhookMaxBodySize = 1024 * 1024;
    @Metadata(label = "webhook", defaultValue = "120000", javaType = "java.time.Duration",
              description = "How long generate waits for webhooks before it also polls the task (webhooks can be "
                            + "lost).")
    private long webhookGracePeriod = 120_000;
    @Metadata(label = "webhook",
              description = "Remembers which webhook results were taken, so a result delivered twice is routed once. "
                            + "In memory by default; use a shared one (JDBC, Infinispan, ...) when several instances "
                            + "receive webhooks.")
    private IdempotentRepository webhookIdempotentRepository;
    @Metadata(label = "webhook",
              description = "The name of the HTTP server component that serves the webhook (default platform-http).")
    private String httpServerComponent;
    @Metadata(label = "journal",
              description = "Where the tasks in flight are recorded (before their submit is sent) until their videos "
                            + "are delivered, so that the component resumes them after a restart, or another instance "
                            + "adopts them, instead of submitting them again: a TaskStore bean (MemoryTaskStore, "
                            + "FileTaskStore, JdbcTaskStore or your own). When none is set: a JdbcTaskStore on "
                            + "taskStoreDataSource or taskStoreJdbcUrl, else a FileTaskStore on taskStoreFile, else in "
                            + "memory.")
    private TaskStore taskStore;
    @Metadata(label = "journal",
              description = "A file in which to record the tasks in flight (a FileTaskStore), when no taskStore or "
                            + "database is set: what a single instance wants to survive restarts. Its size follows the "
                            + "tasks in flight; one process at a time may use it.")
    private String taskStoreFile;
    @Metadata(label = "journal", autowired = true,
              description = "The database in which the instances of a fleet record their tasks in flight (a "
                            + "JdbcTaskStore on this DataSource): PostgreSQL, or H2 for development. Autowired when the "
                            + "registry holds exactly one DataSource.")
    private DataSource taskStoreDataSource;
    @Metadata(label = "journal", secret = true,
              description = "The JDBC URL of the database in which the instances of a fleet record their tasks in "
                            + "flight, when no taskStoreDataSource is set, for example jdbc:postgresql://db:5432/videos "
                            + "with the user and password as URL parameters (the JDBC driver must be on the class "
                            + "path). The component keeps a small connection pool of its own.")
    private String taskStoreJdbcUrl;
    @Metadata(label = "journal", defaultValue = JdbcTaskStore.DEFAULT_TABLE,
              description = "The table of the JDBC task store.")
    private String taskStoreTable = JdbcTaskStore.DEFAULT_TABLE;
    @Metadata(label = "journal", defaultValue = "true",
              description = "Whether the JDBC task store creates its table and indexes at start when they do not "
                            + "exist. When false, create them with the script "
                            + "io/github/camelseedance/seedance/journal/task-store.sql of the component's jar (also in "
                            + "docs/fleet.md).")
    private boolean taskStoreCreateSchema = true;
    @Metadata(label = "journal", defaultValue = "0", javaType = "java.time.Duration",
              description = "How long the records of finished tasks stay in the task store (for audits and the "
                            + "developer console) before they are removed; 0 removes them at once.")
    private long taskRetention;
    @Metadata(label = "journal",
              description = "The name of this instance in the task store, which owns the leases of the tasks it works "
                            + "on. Default: the host name and the process id. Give each instance its own; a stable one "
                            + "(a StatefulSet pod name) lets a restarted instance resume its tasks at once instead of "
                            + "after their leases expire.")
    private String instanceId;
    @Metadata(label = "journal", defaultValue = "15000", javaType = "java.time.Duration",
              description = "How long a lease on a task lasts: each instance renews the leases of its tasks every "
                            + "third of it, and when an instance stops renewing (it died, or lost the database), another "
                            + "one adopts its tasks once their leases expired. A little over the poll interval cap by "
                            + "default.")
    private long leaseDuration = 15_000;
    @Metadata(label = "advanced",
              description = "The clock that dates budget periods and task submits (the system clock by default): a "
                            + "fixed or offset java.time.Clock lets tests cross into the next period.")
    private Clock clock = Clock.systemUTC();

    private SeedanceRuntime runtime;

    /**
     * Gives the component its context, and adds the names of its secret options that are not among Camel's own
     * sensitive keywords (apiKey is, webhookToken is not) to the context's: Camel then masks their values wherever it
     * prints options, as in Camel Main's startup summary, as it masks the API key.
     */
    @Override
    public void setCamelContext(CamelContext context) {
        super.setCamelContext(context);
        if (context != null) {
            ExtendedCamelContext extension = context.getCamelContextExtension();
            String keywords = extension.getAdditionalSensitiveKeywords();
            if (ObjectHelper.isEmpty(keywords)) {
                extension.setAdditionalSensitiveKeywords(SECRET_OPTIONS);
            } else if (!keywords.toLowerCase(Locale.ROOT).contains(SECRET_OPTIONS)) {
                extension.setAdditionalSensitiveKeywords(keywords + "," + SECRET_OPTIONS);
            }
        }
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SeedanceOperation operation = operationOf(remaining);
        List<Violation> durations = MessageConfiguration.durationViolations(parameters);
        if (!durations.isEmpty()) {
            throw new RunwareValidationException(null, durations);
        }
        SeedanceEndpoint endpoint = new SeedanceEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    private SeedanceOperation operationOf(String remaining) {
        SeedanceOperation operation = getCamelContext().getTypeConverter().tryConvertTo(SeedanceOperation.class,
                remaining);
        if (operation == null) {
            throw new IllegalArgumentException(
                    "Unknown seedance operation '" + remaining + "'; allowed: "
                                               + Arrays.stream(SeedanceOperation.values())
                                                       .map(Enum::name).collect(Collectors.joining(", ")));
        }
        return operation;
    }

    /**
     * What the started component runs: pools, clients, the webhook receiver and the task journal.
     *
     * @throws IllegalStateException when the component is not started
     */
    public SeedanceRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("The seedance component is not started");
        }
        return runtime;
    }

    /** Whether generate waits for webhooks: a public webhook URL is configured. */
    public boolean isWebhookMode() {
        return ObjectHelper.isNotEmpty(webhookPublicUrl);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        runtime = new SeedanceRuntime(this);
        ServiceHelper.startService(runtime);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(runtime);
        runtime = null;
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

    public boolean isProviderRules() {
        return providerRules;
    }

    public void setProviderRules(boolean providerRules) {
        this.providerRules = providerRules;
    }

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public int getSubmitBatchSize() {
        return submitBatchSize;
    }

    public void setSubmitBatchSize(int submitBatchSize) {
        this.submitBatchSize = submitBatchSize;
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

    public String getWebhookPublicUrl() {
        return webhookPublicUrl;
    }

    public void setWebhookPublicUrl(String webhookPublicUrl) {
        this.webhookPublicUrl = webhookPublicUrl;
    }

    public String getWebhookPath() {
        return webhookPath;
    }

    public void setWebhookPath(String webhookPath) {
        this.webhookPath = webhookPath;
    }

    public String getWebhookToken() {
        return webhookToken;
    }

    public void setWebhookToken(String webhookToken) {
        this.webhookToken = webhookToken;
    }

    public int getWebhookMaxBodySize() {
        return webhookMaxBodySize;
    }

    public void setWebhookMaxBodySize(int webhookMaxBodySize) {
        this.webhookMaxBodySize = webhookMaxBodySize;
    }

    public long getWebhookGracePeriod() {
        return webhookGracePeriod;
    }

    public void setWebhookGracePeriod(long webhookGracePeriod) {
        this.webhookGracePeriod = webhookGracePeriod;
    }

    public IdempotentRepository getWebhookIdempotentRepository() {
        return webhookIdempotentRepository;
    }

    public void setWebhookIdempotentRepository(IdempotentRepository webhookIdempotentRepository) {
        this.webhookIdempotentRepository = webhookIdempotentRepository;
    }

    public String getHttpServerComponent() {
        return httpServerComponent;
    }

    public void setHttpServerComponent(String httpServerComponent) {
        this.httpServerComponent = httpServerComponent;
    }

    public TaskStore getTaskStore() {
        return taskStore;
    }

    public void setTaskStore(TaskStore taskStore) {
        this.taskStore = taskStore;
    }

    public String getTaskStoreFile() {
        return taskStoreFile;
    }

    public void setTaskStoreFile(String taskStoreFile) {
        this.taskStoreFile = taskStoreFile;
    }

    public DataSource getTaskStoreDataSource() {
        return taskStoreDataSource;
    }

    public void setTaskStoreDataSource(DataSource taskStoreDataSource) {
        this.taskStoreDataSource = taskStoreDataSource;
    }

    public String getTaskStoreJdbcUrl() {
        return taskStoreJdbcUrl;
    }

    public void setTaskStoreJdbcUrl(String taskStoreJdbcUrl) {
        this.taskStoreJdbcUrl = taskStoreJdbcUrl;
    }

    public String getTaskStoreTable() {
        return taskStoreTable;
    }

    public void setTaskStoreTable(String taskStoreTable) {
        this.taskStoreTable = taskStoreTable;
    }

    public boolean isTaskStoreCreateSchema() {
        return taskStoreCreateSchema;
    }

    public void setTaskStoreCreateSchema(boolean taskStoreCreateSchema) {
        this.taskStoreCreateSchema = taskStoreCreateSchema;
    }

    public long getTaskRetention() {
        return taskRetention;
    }

    public void setTaskRetention(long taskRetention) {
        this.taskRetention = taskRetention;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public long getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(long leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public int getHttpPoolSize() {
        return httpPoolSize;
    }

    public void setHttpPoolSize(int httpPoolSize) {
        this.httpPoolSize = httpPoolSize;
    }

    public int getMaxConcurrentDownloads() {
        return maxConcurrentDownloads;
    }

    public void setMaxConcurrentDownloads(int maxConcurrentDownloads) {
        this.maxConcurrentDownloads = maxConcurrentDownloads;
    }

    public boolean isAdaptiveDownloads() {
        return adaptiveDownloads;
    }

    public void setAdaptiveDownloads(boolean adaptiveDownloads) {
        this.adaptiveDownloads = adaptiveDownloads;
    }

    public boolean isBlockingDownloads() {
        return blockingDownloads;
    }

    public void setBlockingDownloads(boolean blockingDownloads) {
        this.blockingDownloads = blockingDownloads;
    }

    public int getWorkerPoolSize() {
        return workerPoolSize;
    }

    public void setWorkerPoolSize(int workerPoolSize) {
        this.workerPoolSize = workerPoolSize;
    }

    public Clock getClock() {
        return clock;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
