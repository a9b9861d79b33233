package io.github.camelseedance.runware.internal;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body subscriber that gives up at a deadline: the JDK's request timeout ends when the headers arrive, so a
 * body still streaming (or stalled) at the deadline is cancelled here and fails with {@link DeadlinePassed}.
 *
 * @param <T> the body type
 */
final class DeadlineBodySubscriber<T> implements HttpResponse.BodySubscriber<T> {

    private final HttpResponse.BodySubscriber<T> delegate;
    private final ScheduledExecutorService scheduler;
    private final Instant deadline;
    private Flow.Subscription subscription;
    private ScheduledFuture<?> timer;
    private boolean done;

    DeadlineBodySubscriber(HttpResponse.BodySubscriber<T> delegate, ScheduledExecutorService scheduler,
                           Instant deadline) {
        this.delegate = delegate;
        this.scheduler = scheduler;
        this.deadline = deadline;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        delegate.onSubscribe(subscription);
        long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        try {
            timer = scheduler.schedule(this::expire, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            expire();
        }
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> item) {
        if (!done) {
            delegate.onNext(item);
        }
    }

    @Override
    public synchronized void onError(Throwable throwable) {
        if (finish()) {
            delegate.onError(throwable);
        }
    }

    @Override
    public synchronized void onComplete() {
        if (finish()) {
            delegate.onComplete();
        }
    }

    @Override
    public CompletionStage<T> getBody() {
        return delegate.getBody();
    }

    private synchronized void expire() {
        if (finish()) {
            subscription.cancel();
            delegate.onError(new DeadlinePassed(deadline));
        }
    }

    private boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
        return true;
    }

    /** The body had not arrived whole when the deadline passed. */
    static final class DeadlinePassed extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        DeadlinePassed(Instant deadline) {
            super("the body had not arrived whole at the deadline " + deadline);
        }
    }
}
