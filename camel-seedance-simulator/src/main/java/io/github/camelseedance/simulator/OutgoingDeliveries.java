package io.github.camelseedance.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends what finished tasks push out: webhook POSTs and {@code uploadEndpoint} PUTs. Asynchronous (no thread per
 * call), at most {@code maxInFlight} calls on the way at once (the others wait their turn in order, so the calls
 * share keep-alive connections instead of opening one each); an attempt not answered whole within
 * {@code attemptTimeout} (headers and body) counts as unanswered; an attempt that gets no 2xx answer is retried after
 * {@code firstBackoff}, doubling each time, for at most {@code maxAttempts} attempts. Every attempt is recorded in
 * the journal.
 */
final class OutgoingDeliveries {

    private static final System.Logger LOG = System.getLogger(OutgoingDeliveries.class.getName());

    private final HttpClient client;
    private final Executor senders;
    private final ScheduledExecutorService scheduler;
    private final RequestJournal journal;
    private final FaultPlan faults;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final int maxInFlight;
    private final Duration attemptTimeout;
    private final AtomicInteger generation = new AtomicInteger();
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    OutgoingDeliveries(HttpClient client, Executor senders, ScheduledExecutorService scheduler, RequestJournal journal,
                       FaultPlan faults, int maxAttempts, Duration firstBackoff, int maxInFlight,
                       Duration attemptTimeout) {
        this.client = client;
        this.senders = senders;
        this.scheduler = scheduler;
        this.journal = journal;
        this.faults = faults;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxInFlight = maxInFlight;
        this.attemptTimeout = attemptTimeout;
    }

    /** POSTs {@code body} to the webhook, unless the fault plan loses it; sends it twice when it duplicates it. */
    void postWebhook(String url, String body) {
        if (faults.loseWebhook()) {
            LOG.log(System.Logger.Level.DEBUG, "webhook to {0} lost on purpose", url);
            return;
        }
        int copies = faults.duplicateWebhook() ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            Supplier<HttpRequest> request = () -> HttpRequest.newBuilder(URI.create(url)).timeout(attemptTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            attempt(request, 1, (attempt, status) -> journal.record(new WebhookCall(url, body, attempt, status)));
        }
    }

    /**
     * PUTs the file's raw bytes to the upload endpoint. Prepared on the senders' executor, as a real video is
     * rendered when its length is first asked for.
     */
    void putUpload(String url, MediaContent content) {
        senders.execute(() -> startUpload(url, content));
    }

    private void startUpload(String url, MediaContent content) {
        Supplier<HttpRequest> request = () -> HttpRequest.newBuilder(URI.create(url)).timeout(attemptTimeout)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> open(content)), content.length()))
                .build();
        attempt(request, 1, (attempt, status) -> journal.record(
                new UploadCall(url, content.length(), attempt, status)));
    }

    /**
     * Abandons the deliveries in progress: their pending answers are not journaled and they are not retried; the calls
     * waiting their turn are dropped.
     */
    void reset() {
        generation.incrementAndGet();
        synchronized (waiting) {
            waiting.clear();
        }
    }

    private void attempt(Supplier<HttpRequest> request, int attempt, AttemptRecorder record) {
        attempt(request, attempt, record, generation.get());
    }

    private void attempt(Supplier<HttpRequest> request, int attempt, AttemptRecorder record, int started) {
        whenFree(() -> send(request, attempt, record, started));
    }

    /** Runs {@code call} now when fewer than maxInFlight calls are on the way, else once one ends. */
    private void whenFree(Runnable call) {
        synchronized (waiting) {
            if (inFlight >= maxInFlight) {
                waiting.add(call);
                return;
            }
            inFlight++;
        }
        call.run();
    }

    /**
     * A call ended: its place goes to the next waiting one, which starts on the senders' executor (never on the stack
     * of the call that ended, so a queue of calls that end at once does not nest).
     */
    private void ended() {
        Runnable next;
        synchronized (waiting) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        try {
            senders.execute(next);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "simulator stopped, waiting delivery dropped");
        }
    }

    private void send(Supplier<HttpRequest> request, int attempt, AttemptRecorder record, int started) {
        if (started != generation.get()) {
            ended();
            return;
        }
        CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = client.sendAsync(request.get(), HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HttpResponse<Void>> exchange = sent;
        // the request's timeout ends when the answer's headers arrive: a body that never ends would keep the place
        exchange.copy().orTimeout(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, error) -> {
            if (error != null) {
                exchange.cancel(true);
            }
            ended();
            if (started != generation.get()) {
                return;
            }
            int status = response == null ? -1 : response.statusCode();
            record.record(attempt, status);
            if (status / 100 != 2 && attempt < maxAttempts) {
                retryLater(() -> attempt(request, attempt + 1, record, started), attempt);
            }
        });
    }

    private void retryLater(Runnable retry, int attempt) {
        long delay = firstBackoff.toNanos() << Math.min(attempt - 1, 20);
        try {
            scheduler.schedule(retry, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "simulator stopped, delivery retry dropped");
        }
    }

    /** Journals one attempt. */
    @FunctionalInterface
    private interface AttemptRecorder {
        void record(int attempt, int status);
    }

    private static java.io.InputStream open(MediaContent content) {
        try {
            return content.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
