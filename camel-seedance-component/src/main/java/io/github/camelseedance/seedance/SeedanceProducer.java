package io.github.camelseedance.seedance;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.github.camelseedance.seedance.operation.OperationHandler;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * The asynchronous producer of every seedance operation. The operation returns a future; the exchange continues on the
 * component's worker pool when it completes, so no thread is held while Runware renders. A transacted exchange, whose
 * transaction is bound to its thread, waits in place instead, until the operation has ended: an interrupt of its
 * thread ends the operation's long waits (generate's wait for its task), never the exchange's wait for the operation.
 */
public class SeedanceProducer extends DefaultAsyncProducer {

    private final OperationHandler handler;
    private WritableHealthCheckRepository healthCheckRepository;
    private SeedanceProducerHealthCheck healthCheck;

    public SeedanceProducer(SeedanceEndpoint endpoint) {
        super(endpoint);
        this.handler = OperationHandler.of(endpoint);
    }

    @Override
    public SeedanceEndpoint getEndpoint() {
        return (SeedanceEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // health checks are optional: registered when the runtime has a health check repository
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(),
                "producers", WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new SeedanceProducerHealthCheck(getEndpoint(), getEndpoint().getId());
            healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<Void> work;
        CompletableFuture<Void> interrupted = exchange.isTransacted() ? new CompletableFuture<>() : null;
        try {
            work = interrupted != null ? handler.process(exchange, interrupted) : handler.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (work.isDone() || interrupted != null) {
            awaitInPlace(work, interrupted, exchange);
            callback.done(true);
            return true;
        }
        work.whenCompleteAsync((ignored, failure) -> {
            if (failure != null) {
                exchange.setException(unwrap(failure));
            }
            callback.done(false);
        }, getEndpoint().getComponent().runtime().workerExecutor());
        return false;
    }

    /**
     * Waits on this thread until the operation has ended. An interrupt ends its long waits early (the operation fails
     * then), not the wait for its end: the exchange never goes on while the operation may still write to it. The
     * thread's interrupt status is kept.
     */
    private static void awaitInPlace(CompletableFuture<Void> work, CompletableFuture<Void> interrupted,
                                     Exchange exchange) {
        boolean wasInterrupted = false;
        while (true) {
            try {
                work.get();
                break;
            } catch (InterruptedException e) {
                wasInterrupted = true;
                if (interrupted != null) {
                    interrupted.complete(null);
                }
            } catch (ExecutionException e) {
                exchange.setException(unwrap(e));
                break;
            }
        }
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
               && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
