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
 * transaction is bound to its thread, waits in place instead.
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
        try {
            work = handler.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (work.isDone() || exchange.isTransacted()) {
            awaitInPlace(work, exchange);
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

    private static void awaitInPlace(CompletableFuture<Void> work, Exchange exchange) {
        try {
            work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
        } catch (ExecutionException e) {
            exchange.setException(unwrap(e));
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
