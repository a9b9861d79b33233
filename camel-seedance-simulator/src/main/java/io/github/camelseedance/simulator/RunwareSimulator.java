package io.github.camelseedance.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.github.camelseedance.simulator.video.RealVideoRenderer;
import io.github.camelseedance.simulator.video.VideoRenderer;

/**
 * A local Runware inference API for Seedance video tasks, on {@code http://127.0.0.1:<port>/v1}.
 *
 * <pre>{@code
 * try (RunwareSimulator sim = RunwareSimulator.builder().renderTime(Duration.ofMillis(300)).build().start()) {
 *     // POST tasks to sim.baseUrl() with "Authorization: Bearer " + sim.apiKey()
 * }
 * }</pre>
 *
 * <p>Threads are bounded whatever the load: a fixed pool answers HTTP requests, one scheduler thread moves every
 * task along and runs delayed answers and delivery retries, and a small pool runs the outgoing HTTP client.
 */
public final class RunwareSimulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RunwareSimulator.class.getName());
    private static final Duration PURGE_INTERVAL = Duration.ofSeconds(30);
    /** Webhook and upload calls on the way at once, by default. */
    public static final int DEFAULT_DELIVERY_CONCURRENCY = 16;
    /** How long one webhook or upload attempt may take, answer included, by default. */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every keep-alive answer waits
        // ~40 ms for the client's delayed ACK. Read once per JVM when the first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // Beyond 200 idle keep-alive connections the JDK server closes each connection as soon as it answered on it,
        // racing the client's next request on it ("other side closed"), which a CDN serving a burst of downloads
        // does not do. Idle connections still close after the server's idle interval.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "20000");
        }
    }

    private final Builder settings;
    private final FaultPlan faults;
    private final RequestJournal journal;
    /** Set last by {@link #start()}: its volatile write publishes the other fields to every thread. */
    private volatile HttpServer server;
    private ThreadPoolExecutor httpPool;
    private ScheduledThreadPoolExecutor scheduler;
    private ExecutorService clientPool;
    private ExecutorService deliveryPool;
    private MediaStore media;
    private VideoTaskRunner runner;
    private MediaUploads uploads;

    private RunwareSimulator(Builder settings) {
        this.settings = settings;
        this.faults = new FaultPlan(settings.seed);
        this.journal = new RequestJournal(settings.journalLimit);
    }

    /** A builder with the defaults: free port, key {@code simulator-key}, 3 s render time, real videos. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds 127.0.0.1 on the configured port and starts serving.
     *
     * @return this simulator
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalStateException when already started
     */
    public synchronized RunwareSimulator start() {
        if (server != null) {
            throw new IllegalStateException("simulator already started");
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + settings.port, e);
        }
        httpPool = new ThreadPoolExecutor(settings.httpThreads, settings.httpThreads, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(10_000), new SimulatorThreads("http"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        scheduler = new ScheduledThreadPoolExecutor(1, new SimulatorThreads("scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        clientPool = Executors.newFixedThreadPool(2, new SimulatorThreads("client"));
        HttpClient client = HttpClient.newBuilder().executor(clientPool).connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        String origin = "http://127.0.0.1:" + http.getAddress().getPort();
        media = new MediaStore(origin + "/media/");
        deliveryPool = Executors.newFixedThreadPool(settings.deliveryConcurrency, new SimulatorThreads("delivery"));
        OutgoingDeliveries deliveries = new OutgoingDeliveries(client, deliveryPool, scheduler, journal, faults,
                settings.deliveryAttempts, settings.deliveryBackoff, settings.deliveryTimeout);
        VideoOutputs outputs = new VideoOutputs(settings.syntheticBytes,
                settings.renderer == null ? new RealVideoRenderer() : settings.renderer);
        ProtocolSettings protocol = settings.protocol();
        runner = new VideoTaskRunner(scheduler, faults, media, outputs, deliveries, journal, protocol,
                settings.renderTime, settings.renderSpread);
        uploads = new MediaUploads(media, client, settings.seed);
        VideoInferenceValidator validator = new VideoInferenceValidator(new MediaInputChecker(media),
                new InputImages(media));
        ApiRequestProcessor processor = new ApiRequestProcessor(validator, runner, uploads, journal, protocol);
        http.createContext("/v1", new ApiHttpHandler(settings.apiKey, faults, journal, processor, scheduler,
                protocol.singularErrors()));
        http.createContext("/media/", new MediaHttpHandler(media, faults, journal));
        http.setExecutor(httpPool);
        http.start();
        scheduler.scheduleWithFixedDelay(this::purge, PURGE_INTERVAL.toSeconds(), PURGE_INTERVAL.toSeconds(),
                TimeUnit.SECONDS);
        server = http;
        LOG.log(System.Logger.Level.INFO, "Runware simulator listening on {0}", baseUrl());
        return this;
    }

    /** The API URL clients POST to: {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** The bound port (the chosen free port when built with port 0). */
    public int port() {
        return started().getAddress().getPort();
    }

    /** The only API key accepted. */
    public String apiKey() {
        return settings.apiKey;
    }

    /** The live fault plan. */
    public FaultPlan faults() {
        return faults;
    }

    /** Everything received and sent. */
    public RequestJournal requests() {
        return journal;
    }

    /** A snapshot of the accepted video task with that uuid, empty when unknown. */
    public Optional<SimulatedTask> task(String taskUUID) {
        started();
        long now = System.nanoTime();
        return runner.find(taskUUID).map(t -> t.snapshot(now));
    }

    /**
     * getResponse forgets the task with that uuid from now on, as if its ttl had passed: it answers the not-found
     * code, while getTaskDetails still answers the task's request and response for the retention.
     *
     * @return whether getResponse knew the task
     */
    public boolean expireTask(String taskUUID) {
        started();
        return runner.forgetForGetResponse(taskUUID);
    }

    /** Makes the video or media with that uuid answer 404 from now on, as if its ttl had expired. */
    public void expireMedia(String mediaUUID) {
        started();
        media.expire(mediaUUID);
    }

    /** Expires every served video and uploaded media now. */
    public void expireAllMedia() {
        started();
        media.expireAll();
    }

    /** Finishes every running task now (results or failure, webhooks and uploads included). */
    public void completeAll() {
        started();
        runner.completeAll();
    }

    /** Forgets every task, media file, journal entry and fault, and restarts every random sequence from the seed. */
    public void reset() {
        started();
        runner.reset(settings.seed);
        uploads.reset(settings.seed);
        media.expireAll();
        faults.clear();
        faults.reseed(settings.seed);
        journal.clear();
    }

    private void purge() {
        media.purgeExpired();
        runner.purgeForgotten();
    }

    /** Stops the server and the outgoing clients. Idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        scheduler.shutdownNow();
        httpPool.shutdownNow();
        clientPool.shutdownNow();
        deliveryPool.shutdownNow();
        LOG.log(System.Logger.Level.INFO, "Runware simulator on port {0} stopped",
                String.valueOf(server.getAddress().getPort()));
        server = null;
    }

    private HttpServer started() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("simulator not started (or closed)");
        }
        return s;
    }

    /** Options of a {@link RunwareSimulator}; every method returns this builder. */
    public static final class Builder {
        private int port;
        private String apiKey = "simulator-key";
        private Duration renderTime = Duration.ofSeconds(3);
        private Duration renderSpread = Duration.ZERO;
        private long syntheticBytes = -1;
        private long seed = 42L;
        private VideoRenderer renderer;
        private int deliveryAttempts = 5;
        private Duration deliveryBackoff = Duration.ofSeconds(1);
        private int deliveryConcurrency = DEFAULT_DELIVERY_CONCURRENCY;
        private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
        private int httpThreads = 16;
        private int journalLimit = 10_000;
        private boolean progress;
        private boolean processingTaskType;
        private boolean shuffleResults = true;
        private boolean resultIndex;
        private String taskNotFoundCode = ErrorCodes.TASK_NOT_FOUND;
        private GetResponseBatching getResponseBatching = GetResponseBatching.ALL;
        private SingularErrors singularErrors = SingularErrors.REQUEST_ERRORS;
        private ResultErrorForm resultErrorForm = ResultErrorForm.ERRORS_ENTRY;
        private Duration taskDetailsRetention = Duration.ofHours(24);

        private Builder() {
        }

        /** Port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The only Bearer key accepted (default {@code simulator-key}). */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** Render time of a task: its N results finish evenly spread over it (default 3 s). */
        public Builder renderTime(Duration renderTime) {
            this.renderTime = nonNegative(renderTime, "renderTime");
            return this;
        }

        /** Each task's render time is drawn uniformly within {@code renderTime +- spread} (default 0). */
        public Builder renderSpread(Duration spread) {
            this.renderSpread = nonNegative(spread, "renderSpread");
            return this;
        }

        /** Fast mode: every video is a synthetic payload of exactly {@code bytes} bytes, streamed, never held. */
        public Builder syntheticVideos(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("syntheticVideos bytes must be >= 0: " + bytes);
            }
            this.syntheticBytes = bytes;
            return this;
        }

        /** Seeds every random draw: faults, render spread, result seeds and uuids (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The renderer of real videos (default {@link RealVideoRenderer}); unused in fast mode. */
        public Builder videoRenderer(VideoRenderer renderer) {
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            return this;
        }

        /** Webhook and upload deliveries: at most {@code maxAttempts} attempts, backoff doubling from
         * {@code firstBackoff} (defaults 5 and 1 s). */
        public Builder deliveryRetry(int maxAttempts, Duration firstBackoff) {
            this.deliveryAttempts = positive(maxAttempts, "maxAttempts");
            this.deliveryBackoff = nonNegative(firstBackoff, "firstBackoff");
            return this;
        }

        /**
         * Webhook and upload calls on the way at once (default 16); the others wait their turn, in order, and the
         * calls share keep-alive connections.
         */
        public Builder deliveryConcurrency(int calls) {
            this.deliveryConcurrency = positive(calls, "deliveryConcurrency");
            return this;
        }

        /**
         * How long one webhook or upload attempt may take, its answer's headers and body (default 10 s); past it the
         * attempt counts as unanswered and is retried.
         */
        public Builder deliveryTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "deliveryTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("deliveryTimeout must be > 0: " + timeout);
            }
            this.deliveryTimeout = timeout;
            return this;
        }

        /** Threads answering HTTP requests (default 16). */
        public Builder httpThreads(int threads) {
            this.httpThreads = positive(threads, "httpThreads");
            return this;
        }

        /** How many requests, webhook calls and upload calls the journal keeps (each; default 10,000). */
        public Builder journalLimit(int limit) {
            this.journalLimit = positive(limit, "journalLimit");
            return this;
        }

        /**
         * Whether processing items of a poll answer carry {@code progress} (0..99). Default false: Runware reports
         * progress only for models that have it ("mostly training"), so video clients must not rely on it.
         */
        public Builder progress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Whether processing items of a poll answer carry {@code taskType}. Default false: a processing item may
         * lack it (Runware's SDK tests answer {@code {"status":"processing","taskUUID":...}}).
         */
        public Builder processingTaskType(boolean processingTaskType) {
            this.processingTaskType = processingTaskType;
            return this;
        }

        /**
         * Whether the items of a poll answer come in an order drawn from the seed (default true: Runware promises
         * no order) rather than in result order.
         */
        public Builder shuffleResults(boolean shuffleResults) {
            this.shuffleResults = shuffleResults;
            return this;
        }

        /**
         * Whether items, result errors and webhook calls carry {@code resultIndex} (the newer Python SDK keys
         * results on it when present). Default false.
         */
        public Builder resultIndex(boolean resultIndex) {
            this.resultIndex = resultIndex;
            return this;
        }

        /**
         * The code getResponse and getTaskDetails answer for an unknown or forgotten task (default
         * {@code taskNotFound}; no Runware page names it, the SDKs treat {@code taskExpired},
         * {@code taskFailedOrNotFound} and any {@code *NotFound} / {@code *Expired} alike).
         */
        public Builder taskNotFoundCode(String code) {
            if (Objects.requireNonNull(code, "code").isBlank()) {
                throw new IllegalArgumentException("taskNotFoundCode must not be blank");
            }
            this.taskNotFoundCode = code;
            return this;
        }

        /** How a request with several getResponse tasks is treated (default {@link GetResponseBatching#ALL}). */
        public Builder getResponseBatching(GetResponseBatching batching) {
            this.getResponseBatching = Objects.requireNonNull(batching, "batching");
            return this;
        }

        /**
         * When errors come in the singular form {@code {"error":{...},"taskUUID":...,"taskType":...}} (default
         * {@link SingularErrors#REQUEST_ERRORS}).
         */
        public Builder singularErrors(SingularErrors when) {
            this.singularErrors = Objects.requireNonNull(when, "when");
            return this;
        }

        /** How a failed result shows beside its siblings (default {@link ResultErrorForm#ERRORS_ENTRY}). */
        public Builder resultErrorForm(ResultErrorForm form) {
            this.resultErrorForm = Objects.requireNonNull(form, "form");
            return this;
        }

        /**
         * How long getTaskDetails knows a task after it finished, also once getResponse has forgotten it (default
         * 24 hours; Runware's retention is undocumented). Its taskUUID stays in use as long.
         */
        public Builder taskDetailsRetention(Duration retention) {
            this.taskDetailsRetention = nonNegative(retention, "taskDetailsRetention");
            return this;
        }

        /** A simulator with these options, not yet started. */
        public RunwareSimulator build() {
            return new RunwareSimulator(this.copy());
        }

        private ProtocolSettings protocol() {
            return new ProtocolSettings(progress, processingTaskType, shuffleResults, resultIndex, taskNotFoundCode,
                    getResponseBatching, singularErrors, resultErrorForm, taskDetailsRetention, seed);
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.port = port;
            copy.apiKey = apiKey;
            copy.renderTime = renderTime;
            copy.renderSpread = renderSpread;
            copy.syntheticBytes = syntheticBytes;
            copy.seed = seed;
            copy.renderer = renderer;
            copy.deliveryAttempts = deliveryAttempts;
            copy.deliveryBackoff = deliveryBackoff;
            copy.deliveryConcurrency = deliveryConcurrency;
            copy.deliveryTimeout = deliveryTimeout;
            copy.httpThreads = httpThreads;
            copy.journalLimit = journalLimit;
            copy.progress = progress;
            copy.processingTaskType = processingTaskType;
            copy.shuffleResults = shuffleResults;
            copy.resultIndex = resultIndex;
            copy.taskNotFoundCode = taskNotFoundCode;
            copy.getResponseBatching = getResponseBatching;
            copy.singularErrors = singularErrors;
            copy.resultErrorForm = resultErrorForm;
            copy.taskDetailsRetention = taskDetailsRetention;
            return copy;
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1: " + value);
            }
            return value;
        }
    }
}
