package io.github.camelseedance.runware;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** The immutable settings of a {@link RunwareClient}. {@link #toString()} never shows the API key. */
public final class RunwareClientConfig {

    /** The public Runware REST endpoint. */
    public static final String DEFAULT_BASE_URL = "https://api.runware.ai/v1";
    /** The default most tasks in one submit request. */
    public static final int DEFAULT_SUBMIT_BATCH_SIZE = 50;
    /** The default most submit requests on the way at once. */
    public static final int DEFAULT_SUBMIT_REQUESTS = 2;

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient httpClient;
    private final List<HttpClient> downloadHttpClients;
    private final ScheduledExecutorService scheduler;
    private final Executor transportExecutor;
    private final Executor downloadExecutor;
    private final DownloadLimiter downloadLimiter;
    private final BlockingDownloads blockingDownloads;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final Duration downloadTimeout;
    private final boolean providerRules;
    private final int submitBatchSize;
    private final int submitRequests;
    private final RunwareClientListener listener;

    private RunwareClientConfig(Builder b) {
        this.baseUrl = Objects.requireNonNull(b.baseUrl, "baseUrl");
        if (b.apiKey == null || b.apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey is required");
        }
        this.apiKey = b.apiKey;
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler is required");
        this.transportExecutor = b.transportExecutor;
        this.downloadExecutor = b.downloadExecutor != null ? b.downloadExecutor : b.transportExecutor;
        this.downloadLimiter = b.downloadLimiter != null
                ? b.downloadLimiter
                : DownloadLimiter.adaptive(DownloadLimiter.DEFAULT_MAX);
        this.blockingDownloads = b.blockingDownloads;
        this.httpClient = b.httpClient != null ? b.httpClient : RunwareHttpClients.create(null);
        this.downloadHttpClients = b.downloadHttpClients == null || b.downloadHttpClients.isEmpty()
                ? List.of(httpClient)
                : List.copyOf(b.downloadHttpClients);
        this.retryPolicy = Objects.requireNonNull(b.retryPolicy, "retryPolicy");
        this.requestTimeout = Objects.requireNonNull(b.requestTimeout, "requestTimeout");
        this.downloadTimeout = Objects.requireNonNull(b.downloadTimeout, "downloadTimeout");
        this.providerRules = b.providerRules;
        if (b.submitBatchSize < 1 || b.submitRequests < 1) {
            throw new IllegalArgumentException("submitBatchSize and submitRequests must be at least 1, got "
                                               + b.submitBatchSize + " and " + b.submitRequests);
        }
        this.submitBatchSize = b.submitBatchSize;
        this.submitRequests = b.submitRequests;
        this.listener = Objects.requireNonNull(b.listener, "listener");
    }

    /** @return a builder with the defaults; apiKey and scheduler must be set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the API endpoint, default {@value #DEFAULT_BASE_URL} */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return the API key sent as {@code Authorization: Bearer} */
    public String apiKey() {
        return apiKey;
    }

    /** @return the HTTP client (default: HTTP/1.1, connect timeout 10 s, redirects followed) */
    public HttpClient httpClient() {
        return httpClient;
    }

    /**
     * @return the HTTP clients that download media, each download attempt on the next one in turn; default the
     *         {@linkplain #httpClient() HTTP client} alone
     */
    public List<HttpClient> downloadHttpClients() {
        return downloadHttpClients;
    }

    /**
     * @return the executor whose threads run the HTTP exchanges (blocking sends), or {@code null} for the HTTP
     *         client's own asynchronous sends
     */
    public Executor transportExecutor() {
        return transportExecutor;
    }

    /**
     * @return the executor whose threads send the downloads' GETs (each held until its answer's headers arrive; the
     *         body then arrives on the HTTP client's threads) and complete them; the transport executor when none is
     *         set
     */
    public Executor downloadExecutor() {
        return downloadExecutor;
    }

    /**
     * @return how many downloads run at once, default an adaptive limiter of at most
     *         {@value DownloadLimiter#DEFAULT_MAX}
     */
    public DownloadLimiter downloadLimiter() {
        return downloadLimiter;
    }

    /**
     * @return what chooses which downloads to a file are read by blocking reads on a thread of the
     *         {@linkplain #downloadExecutor() download executor}, each holding that thread for its whole transfer with
     *         less than half the CPU per byte of the HTTP client's reading; {@code null} (the default, and in effect
     *         without a download executor) for every download through the HTTP client, holding no thread while its
     *         body arrives. Streams ({@code openVideo}) always go through the HTTP client.
     */
    public BlockingDownloads blockingDownloads() {
        return blockingDownloads;
    }

    /** @return the scheduler running retry backoff timers and poll cycles */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** @return the retry policy, default {@link RetryPolicy#defaults()} */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** @return the timeout of one API request, default 60 s */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the timeout of one download, default 30 min */
    public Duration downloadTimeout() {
        return downloadTimeout;
    }

    /**
     * @return whether requests are checked against the ByteDance-side input rules that Runware's page does not state
     *         (default true; switch off should Runware relax them)
     */
    public boolean providerRules() {
        return providerRules;
    }

    /**
     * @return the most {@code videoInference} tasks one submit request carries, default
     *         {@value #DEFAULT_SUBMIT_BATCH_SIZE}; 1 sends every task alone, as the official SDKs do
     */
    public int submitBatchSize() {
        return submitBatchSize;
    }

    /**
     * @return the most submit requests on the way at once, default {@value #DEFAULT_SUBMIT_REQUESTS}: the submits
     *         that come meanwhile wait, and go together in the next request
     */
    public int submitRequests() {
        return submitRequests;
    }

    /** @return what hears the client's HTTP answers, retries and downloads, default {@link RunwareClientListener#NONE} */
    public RunwareClientListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "RunwareClientConfig[baseUrl=" + baseUrl + ", apiKey=***, retryPolicy=" + retryPolicy
               + ", requestTimeout=" + requestTimeout + ", downloadTimeout=" + downloadTimeout
               + ", providerRules=" + providerRules + ", submitBatchSize=" + submitBatchSize + ", submitRequests="
               + submitRequests + "]";
    }

    /** Builds a {@link RunwareClientConfig}. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String apiKey;
        private HttpClient httpClient;
        private List<HttpClient> downloadHttpClients;
        private ScheduledExecutorService scheduler;
        private Executor transportExecutor;
        private Executor downloadExecutor;
        private DownloadLimiter downloadLimiter;
        private BlockingDownloads blockingDownloads;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration downloadTimeout = Duration.ofMinutes(30);
        private boolean providerRules = true;
        private int submitBatchSize = DEFAULT_SUBMIT_BATCH_SIZE;
        private int submitRequests = DEFAULT_SUBMIT_REQUESTS;
        private RunwareClientListener listener = RunwareClientListener.NONE;

        private Builder() {
        }

        /** @param value the API endpoint @return this */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        /** @param value the API key (required) @return this */
        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        /** @param value the HTTP client; {@code null} for the default one @return this */
        public Builder httpClient(HttpClient value) {
            this.httpClient = value;
            return this;
        }

        /**
         * @param  value the HTTP clients that download media, each download attempt on the next one in turn (for
         *               instance several {@link RunwareHttpClients#createForDownloads()}, to read on as many
         *               threads); {@code null} or empty (the default) downloads with the HTTP client
         * @return       this
         */
        public Builder downloadHttpClients(List<HttpClient> value) {
            this.downloadHttpClients = value;
            return this;
        }

        /** @param value the scheduler for backoff timers and poll cycles (required) @return this */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = value;
            return this;
        }

        /**
         * @param  value the executor whose threads run the HTTP exchanges: bounds the threads and the exchanges at
         *               once; it must not be the HTTP client's own executor. {@code null} (the default) uses the
         *               HTTP client's asynchronous sends
         * @return       this
         */
        public Builder transportExecutor(Executor value) {
            this.transportExecutor = value;
            return this;
        }

        /**
         * @param  value the executor whose threads send the downloads' GETs and complete them, so that downloads
         *               never hold up polls; {@code null} (the default) uses the transport executor
         * @return       this
         */
        public Builder downloadExecutor(Executor value) {
            this.downloadExecutor = value;
            return this;
        }

        /**
         * @param  value how many downloads run at once (share one between clients to bound them together);
         *               {@code null} (the default) for an adaptive limiter of the client's own
         * @return       this
         */
        public Builder downloadLimiter(DownloadLimiter value) {
            this.downloadLimiter = value;
            return this;
        }

        /**
         * @param  value chooses which downloads to a file are read by blocking reads on the download executor's
         *               threads (give it fewer threads than that executor has: the downloads it hands to the HTTP
         *               client need one to be sent and completed; share one between clients as their limiter);
         *               {@code null} (the default) for none. Off by default because a client's download executor may
         *               be its transport executor, whose threads the API requests need.
         * @return       this
         */
        public Builder blockingDownloads(BlockingDownloads value) {
            this.blockingDownloads = value;
            return this;
        }

        /** @param value the retry policy @return this */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = value;
            return this;
        }

        /** @param value the timeout of one API request @return this */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /** @param value the timeout of one download @return this */
        public Builder downloadTimeout(Duration value) {
            this.downloadTimeout = value;
            return this;
        }

        /**
         * @param  value whether to check the ByteDance-side input rules (default true)
         * @return       this
         */
        public Builder providerRules(boolean value) {
            this.providerRules = value;
            return this;
        }

        /**
         * @param  value the most {@code videoInference} tasks in one submit request (at least 1; 1 sends every task
         *               alone). Submits share a request only when they wait for one: a lone submit goes at once
         * @return       this
         */
        public Builder submitBatchSize(int value) {
            this.submitBatchSize = value;
            return this;
        }

        /**
         * @param  value the most submit requests on the way at once (at least 1); the transport executor's threads
         *               are a natural choice
         * @return       this
         */
        public Builder submitRequests(int value) {
            this.submitRequests = value;
            return this;
        }

        /** @param value what hears the client's HTTP answers, retries and downloads @return this */
        public Builder listener(RunwareClientListener value) {
            this.listener = value;
            return this;
        }

        /**
         * @return                          the configuration
         * @throws IllegalArgumentException when the API key is missing
         * @throws NullPointerException     when the scheduler is missing
         */
        public RunwareClientConfig build() {
            return new RunwareClientConfig(this);
        }

        @Override
        public String toString() {
            return "RunwareClientConfig.Builder[baseUrl=" + baseUrl + ", apiKey=***]";
        }
    }
}
