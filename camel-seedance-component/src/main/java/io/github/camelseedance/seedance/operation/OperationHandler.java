package io.github.camelseedance.seedance.operation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.camelseedance.seedance.SeedanceEndpoint;
import org.apache.camel.Exchange;

/**
 * One seedance operation: maps an exchange onto Runware calls and the results back onto the exchange.
 */
public interface OperationHandler {

    /**
     * Starts the operation. The future completes when the exchange carries the result; it completes exceptionally with
     * the reason when the operation failed. Input errors may also be thrown at once.
     */
    CompletableFuture<Void> process(Exchange exchange) throws Exception;

    /**
     * Starts the operation for an exchange that waits for it in place (a transacted one), whose thread may be
     * interrupted meanwhile. When {@code interrupted} completes, the operation ends the waits that may last long
     * (generate's wait for its task, which stays recorded, as when the component stops, for a redelivery with its
     * idempotency key or the next start to resume), and its future then completes as on any failure. By default as
     * {@link #process(Exchange)}: the other operations wait for requests, each bounded by its timeout.
     *
     * @param exchange    the exchange
     * @param interrupted completes when the thread waiting in place was interrupted
     */
    default CompletableFuture<Void> process(Exchange exchange, CompletionStage<Void> interrupted) throws Exception {
        return process(exchange);
    }

    static OperationHandler of(SeedanceEndpoint endpoint) {
        return switch (endpoint.getOperation()) {
            case generate -> new GenerateOperation(endpoint);
            case submit -> new SubmitOperation(endpoint);
            case status -> new StatusOperation(endpoint);
            case download -> new DownloadOperation(endpoint);
            case upload -> new UploadOperation(endpoint);
            case delete -> new DeleteOperation(endpoint);
            case estimate -> new EstimateOperation(endpoint);
            case webhook -> throw new IllegalArgumentException(
                    "seedance:webhook is a consumer: use it in from(), and generate or submit to start tasks");
        };
    }
}
