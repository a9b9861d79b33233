package io.github.camelseedance.runware.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends the client's HTTP requests. With a transport executor, each exchange runs the blocking
 * {@link HttpClient#send} on one of its threads, so the number of threads (and of HTTP exchanges at once) is that
 * executor's. The JDK's {@link HttpClient#sendAsync} completes every answer on {@code CompletableFuture}'s default
 * executor, which starts a new thread per answer when the common pool has fewer than two threads (one- and two-core
 * hosts). Without an executor, {@code sendAsync} is used.
 */
public final class HttpTransport {

    private final HttpClient http;
    private final Executor executor;

    public HttpTransport(HttpClient http, Executor executor) {
        this.http = http;
        this.executor = executor;
    }

    public <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        if (executor == null) {
            return http.sendAsync(request, handler);
        }
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
