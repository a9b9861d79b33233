package io.github.camelseedance.runware.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;

import io.github.camelseedance.runware.RunwareClientListener;
import io.github.camelseedance.runware.RunwareClientListener.RequestKind;

/**
 * Sends the client's HTTP requests. With a transport executor, each exchange runs the blocking
 * {@link HttpClient#send} on one of its threads, so the number of threads (and of HTTP exchanges at once) is that
 * executor's. Every exchange's end (its status, or 0 without an answer) is told to the client's listener. The JDK's {@link HttpClient#sendAsync} completes every answer on {@code CompletableFuture}'s default
 * executor, which starts a new thread per answer when the common pool has fewer than two threads (one- and two-core
 * hosts). Without an executor, {@code sendAsync} is used.
 */
public final class HttpTransport {

    private final HttpClient http;
    private final Executor executor;
    private final RunwareClientListener listener;
    private final RequestKind kind;
    /** The blocking downloads to a file, with the HTTP client's connection settings. */
    private final BlockingFileGet blockingGet;

    public HttpTransport(HttpClient http, Executor executor, RunwareClientListener listener, RequestKind kind) {
        this.http = http;
        this.executor = executor;
        this.listener = listener;
        this.kind = kind;
        this.blockingGet = new BlockingFileGet(http);
    }

    public <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        CompletableFuture<HttpResponse<T>> answer = executor == null
                ? http.sendAsync(request, handler)
                : sendOnExecutor(request, handler);
        return answer.whenComplete((response, error) -> listener.answered(kind,
                response == null ? 0 : response.statusCode()));
    }

    /** @return whether the transport runs its exchanges on an executor of its own (and can block one of its threads) */
    public boolean hasExecutor() {
        return executor != null;
    }

    /**
     * Downloads to a file by blocking reads on a thread of the transport executor ({@link BlockingFileGet}), with the
     * HTTP client's connection settings; the exchange's end is told to the listener as any other.
     *
     * @param  url      the URL
     * @param  file     the file a 2xx body is written to
     * @param  timeout  how long the answer's headers may take, and (with no deadline) each read of the body
     * @param  deadline when the body must have arrived whole, {@code null} for none
     * @param  received told the bytes of each read of a 2xx body
     * @return          the answer's status and headers once a 2xx body is in the file; fails when no answer or no whole
     *                  body came, or the executor refused the exchange
     */
    CompletableFuture<BlockingFileGet.Answer> getToFile(URI url, Path file, Duration timeout, Instant deadline,
                                                        LongConsumer received) {
        CompletableFuture<BlockingFileGet.Answer> answer = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    answer.complete(blockingGet.get(url, file, timeout, deadline, received));
                } catch (Exception | Error e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(e);
        }
        return answer.whenComplete((done, error) -> listener.answered(kind, done == null ? 0 : done.status()));
    }

    /**
     * @return a future completed with the source's outcome on a thread of the transport executor (on the completing
     *         thread when there is no executor or it refuses the task), so that what follows never runs on the HTTP
     *         client's own threads
     */
    public <T> CompletableFuture<T> completeOnExecutor(CompletableFuture<T> source) {
        if (executor == null) {
            return source;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        source.whenComplete((value, failure) -> {
            Runnable complete = () -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            };
            try {
                executor.execute(complete);
            } catch (RejectedExecutionException e) {
                complete.run();
            }
        });
        return result;
    }

    private <T> CompletableFuture<HttpResponse<T>> sendOnExecutor(HttpRequest request,
                                                                  HttpResponse.BodyHandler<T> handler) {
        CompletableFuture<HttpResponse<T>> answer = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    answer.complete(http.send(request, handler));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    answer.completeExceptionally(e);
                } catch (Exception | Error e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }
}
