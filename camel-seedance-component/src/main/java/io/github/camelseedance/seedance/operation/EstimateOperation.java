package io.github.camelseedance.seedance.operation;

import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * estimate: the price of the task the exchange describes, from a dry run: validated and priced by Runware, nothing
 * runs and nothing is billed. The body becomes the cost in USD.
 */
final class EstimateOperation implements OperationHandler {

    private final SeedanceEndpoint endpoint;
    private final VideoRequestFactory requests;

    EstimateOperation(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
        this.requests = new VideoRequestFactory(endpoint.getConfiguration(), endpoint.getComponent().isProviderRules());
    }

    @Override
    public CompletableFuture<Void> process(Exchange exchange) {
        MessageConfiguration options = MessageConfiguration.bind(exchange, endpoint.getConfiguration());
        VideoInferenceRequest request = requests.create(exchange, options);
        return endpoint.services().client().estimate(request).thenAccept(estimate -> {
            Message message = exchange.getMessage();
            message.setHeader(SeedanceConstants.COST, estimate.cost());
            message.setBody(estimate.cost());
        });
    }
}
