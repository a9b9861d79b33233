package io.github.camelseedance.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends what finished tasks push out: webhook POSTs and {@code uploadEndpoint} PUTs. Each call is sent by one of the
 * {@code senders}, the delivery threads (as many as the calls on the way at once, {@code deliveryConcurrency}), with
 * the shared client's blocking send; the calls waiting for a thread wait their turn in order, so they share the
 * client's keep-alive connections instead of opening one each. (The client's asynchronous send would need no thread
 * per call, but it finishes every answer on CompletableFuture's default executor, which starts a new thread per
 * answer when the common pool has a parallelism of 1, as on 2 cores: a thread per webhook.) An attempt not answered
 * whole within {@code attemptTimeout} (headers and body) counts as unanswered; an attempt that gets no 2xx answer is
 * retried after {@code firstBackoff}, doubling each time, for at most {@code maxAttempts} attempts. Every attempt is
 * recorded in the journal.
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
    private final Duration attemptTimeout;
    private final AtomicInteger generation = new AtomicInteger();

    /**
     * @param senders the delivery threads, one call at a time each: as many as the calls allowed on the way at once,
     *                with a queue in order for the others
     */
    OutgoingDeliveries(HttpClient client, Executor senders, ScheduledExecutorService scheduler,
                       RequestJournal journal, FaultPlan faults, int maxAttempts, Duration firstBackoff,
                       Duration attemptTimeout) {
        this.client = client;
        this.senders = senders;
        this.scheduler = scheduler;
        this.journal = journal;
        this.faults = faults;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
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
     * PUTs the file's raw bytes to the upload endpoint. Prepared on the delivery thread that sends it, as a real video
     * is rendered when its length is first asked for.
     */
    void putUpload(String url, MediaContent content) {
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
    }

    private void attempt(Supplier<HttpRequest> request, int attempt, AttemptRecorder record) {
        attempt(request, attempt, record, generation.get());
    }

    private void attempt(Supplier<HttpRequest> request, int attempt, AttemptRecorder record, int started) {
        try {
            senders.execute(() -> send(request, attempt, record, started));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "simulator stopped, delivery dropped");
        }
    }

    /** One attempt, on a delivery thread: dropped when a reset came since the delivery started. */
    private void send(Supplier<HttpRequest> request, int attempt, AttemptRecorder record, int started) {
        if (started != generation.get()) {
            return;
        }
        int status = statusOf(request);
        if (started != generation.get()) {
            return;
        }
        record.record(attempt, status);
        if (status / 100 != 2 && attempt < maxAttempts) {
            retryLater(() -> attempt(request, attempt + 1, record, started), attempt);
        }
    }

    /**
     * Sends one call on this thread and reads its whole answer: its status, or -1 when there is no whole answer
     * within the attempt timeout. The request's own timeout ends when the answer's headers arrive; a body that never
     * ends is cut off by interrupting the send at the timeout (the send cancels its exchange then).
     */
    private int statusOf(Supplier<HttpRequest> request) {
        Thread sender = Thread.currentThread();
        AtomicBoolean sending = new AtomicBoolean(true);
        ScheduledFuture<?> cutOff = scheduleCutOff(sender, sending);
        try {
            return client.send(request.get(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "delivery attempt without an answer: {0}", e.toString());
            return -1;
        } catch (InterruptedException e) {
            return -1;
        } finally {
            synchronized (sending) {
                sending.set(false);
            }
            if (cutOff != null) {
                cutOff.cancel(false);
            }
            // an interrupt of the cut-off that came as the answer ended is not the next call's
            Thread.interrupted();
        }
    }

    private ScheduledFuture<?> scheduleCutOff(Thread sender, AtomicBoolean sending) {
        try {
            return scheduler.schedule(() -> {
                synchronized (sending) {
                    if (sending.get()) {
                        sender.interrupt();
                    }
                }
            }, attemptTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
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
