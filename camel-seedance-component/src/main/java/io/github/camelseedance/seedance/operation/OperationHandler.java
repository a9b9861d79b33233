package io.github.camelseedance.seedance.operation;

import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.seedance.SeedanceEndpoint;
import org.apache.camel.Exchange;

/**
 * One seedance operation: maps an exchange onto Runware calls and the results back onto the exchange.
 */
public interface OperationHandler {

    /** The exchange property of an {@linkplain #abandon abandoned} exchange. */
    String ABANDONED = "CamelSeedanceAbandoned";

    /**
     * Starts the operation. The future completes when the exchange carries the result; it completes exceptionally with
     * the reason when the operation failed. Input errors may also be thrown at once.
     */
    CompletableFuture<Void> process(Exchange exchange) throws Exception;

    /**
     * Marks the exchange an operation works on as abandoned: the exchange it was copied from went on without waiting
     * for the operation's end (its waiting thread was interrupted). A task delivered onto an abandoned exchange is not
     * delivered: its record stays, for the task to be resumed.
     */
    static void abandon(Exchange exchange) {
        exchange.setProperty(ABANDONED, true);
    }

    /** @return whether the exchange was {@linkplain #abandon abandoned} */
    static boolean isAbandoned(Exchange exchange) {
        return exchange.getProperty(ABANDONED, false, Boolean.class);
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
