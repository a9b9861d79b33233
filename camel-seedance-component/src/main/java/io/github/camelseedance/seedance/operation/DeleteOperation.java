package io.github.camelseedance.seedance.operation;

import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import org.apache.camel.Exchange;

/**
 * delete: remove media uploaded to Runware ({@code mediaStorage}, operation {@code delete}), named by
 * {@code CamelSeedanceMediaUUID} or a text body. Unknown media fails with a {@code RunwareNotFoundException}.
 */
final class DeleteOperation implements OperationHandler {

    private final SeedanceEndpoint endpoint;

    DeleteOperation(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public CompletableFuture<Void> process(Exchange exchange) {
        String header = exchange.getMessage().getHeader(SeedanceConstants.MEDIA_UUID, String.class);
        String mediaUUID = header != null ? header : MediaInputs.text(exchange, exchange.getMessage().getBody());
        if (mediaUUID == null || mediaUUID.isBlank()) {
            throw InvalidInput.of(SeedanceConstants.MEDIA_UUID, null,
                    "the UUID of uploaded media, in this header or as the message body");
        }
        String uuid = mediaUUID.trim();
        return endpoint.services().client().deleteMedia(uuid)
                .thenRun(() -> exchange.getMessage().setHeader(SeedanceConstants.MEDIA_UUID, uuid));
    }
}
