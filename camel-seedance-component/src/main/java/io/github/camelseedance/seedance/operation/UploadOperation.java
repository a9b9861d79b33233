package io.github.camelseedance.seedance.operation;

import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * upload: store the body (an image, video or audio in any media input form) at Runware with {@code mediaStorage} and
 * return its UUID, to use in later tasks without sending the bytes again; {@code delete} removes it.
 */
final class UploadOperation implements OperationHandler {

    private final SeedanceEndpoint endpoint;

    UploadOperation(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public CompletableFuture<Void> process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body == null) {
            throw InvalidInput.of("body", null, "the media to upload: text (URL, data URI, base64), byte[], File, "
                                                + "Path, InputStream or a Camel file");
        }
        String media = MediaInputs.toApiValue(exchange, body);
        return endpoint.services().client().uploadMedia(media).thenAccept(uploaded -> {
            Message message = exchange.getMessage();
            message.setHeader(SeedanceConstants.MEDIA_UUID, uploaded.uuid());
            message.setHeader(SeedanceConstants.MEDIA_URL, uploaded.url() == null ? null : uploaded.url().toString());
            message.setBody(uploaded.uuid());
        });
    }
}
