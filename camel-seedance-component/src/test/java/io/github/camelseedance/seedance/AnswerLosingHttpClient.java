package io.github.camelseedance.seedance;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HTTP client whose answers get lost after the server processed the request, at a rate: the request was sent and
 * handled (a submit is billed, a video was sent), then the connection breaks before the answer is read. What a
 * flaky network does, and what the Runware simulator's own faults cannot do at a rate.
 */
final class AnswerLosingHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final double rate;
    private final Random random;
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    AnswerLosingHttpClient(HttpClient delegate, double rate, long seed) {
        this.delegate = delegate;
        this.rate = rate;
        this.random = new Random(seed);
    }

    /** @return the answers received so far, lost ones included */
    long answers() {
        return answers.get();
    }

    /** @return the answers lost so far */
    long lost() {
        return lost.get();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<T> response = delegate.send(request, handler);
        answers.incrementAndGet();
        boolean lose;
        synchronized (random) {
            lose = random.nextDouble() < rate;
        }
        if (lose) {
            lost.incrementAndGet();
            throw new IOException("connection reset after the server answered (simulated): " + request.uri());
        }
        return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return send(request, handler);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
