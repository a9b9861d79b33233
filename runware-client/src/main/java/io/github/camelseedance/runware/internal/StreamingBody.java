package io.github.camelseedance.runware.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * A response body subscriber whose body is its delegate's future, given at once: a blocking
 * {@link java.net.http.HttpClient#send} then returns when the headers arrive, and the body goes on arriving on the
 * HTTP client's own threads while the sending thread is free. Counts the bytes as they arrive.
 *
 * @param <T> the delegate's body type
 */
final class StreamingBody<T> implements HttpResponse.BodySubscriber<CompletableFuture<T>> {

    private final HttpResponse.BodySubscriber<T> delegate;
    private final LongConsumer received;

    StreamingBody(HttpResponse.BodySubscriber<T> delegate, LongConsumer received) {
        this.delegate = delegate;
        this.received = received;
    }

    @Override
    public CompletionStage<CompletableFuture<T>> getBody() {
        return CompletableFuture.completedFuture(delegate.getBody().toCompletableFuture());
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        delegate.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        long bytes = 0;
        for (ByteBuffer buffer : item) {
            bytes += buffer.remaining();
        }
        delegate.onNext(item);
        received.accept(bytes);
    }

    @Override
    public void onError(Throwable throwable) {
        delegate.onError(throwable);
    }

    @Override
    public void onComplete() {
        delegate.onComplete();
    }
}
