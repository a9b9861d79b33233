package io.github.camelseedance.seedance;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.github.camelseedance.seedance.operation.OperationHandler;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.UnitOfWorkHelper;

/**
 * The asynchronous producer of every seedance operation. The operation returns a future; the exchange continues on the
 * component's worker pool when it completes, so no thread is held while Runware renders. A transacted exchange, whose
 * transaction is bound to its thread, waits in place instead, the operation working on a copy of it.
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
        if (exchange.isTransacted()) {
            processInPlace(exchange);
            callback.done(true);
            return true;
        }
        CompletableFuture<Void> work;
        try {
            work = handler.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (work.isDone()) {
            try {
                work.getNow(null);
            } catch (CompletionException | CancellationException e) {
                exchange.setException(unwrap(e));
            }
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
     * A transacted exchange, whose transaction is bound to its thread, waits in place. The operation works on a copy of
     * it, whose results (message, properties, exception, completions) pass to the exchange when the operation ended.
     * When the waiting thread is interrupted, the exchange goes on at once, failed with the
     * {@link InterruptedException} (interrupt status kept), and nothing the operation still does reaches it: the copy
     * is abandoned, and its completions run when the operation ends (its temporary files are deleted, and a task it
     * delivered onto the copy keeps its record, to be resumed, as a task whose wait ran out does).
     */
    private void processInPlace(Exchange exchange) {
        // an exchange id of its own: the copy's temporary files are named by it, and a later operation on the exchange
        // (a redelivery of the same work) must not share them with an abandoned copy
        Exchange copy = ExchangeHelper.createCopy(exchange, false);
        // its completions are its own until they are handed over: a copy shares the exchange's unit of work
        copy.getExchangeExtension().setUnitOfWork(null);
        try {
            CompletableFuture<Void> work = handler.process(copy);
            try {
                work.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                OperationHandler.abandon(copy);
                work.whenComplete((ignored, failure) -> UnitOfWorkHelper.doneSynchronizations(copy,
                        copy.getExchangeExtension().handoverCompletions()));
                exchange.setException(e);
                return;
            }
        } catch (ExecutionException e) {
            copy.setException(unwrap(e));
        } catch (Exception e) {
            copy.setException(e);
        }
        ExchangeHelper.copyResults(exchange, copy);
        copy.getExchangeExtension().handoverCompletions(exchange);
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
