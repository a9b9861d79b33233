package io.github.camelseedance.seedance.operation;

import io.github.camelseedance.runware.model.UploadedMedia;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.runware.model.UploadedMedia;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * upload: store the body (an image, video or audio in any media input form) at Runware and return its UUID, to use in
 * later tasks without sending the bytes again. Images go through imageUpload, everything else through mediaStorage.
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
        String mimeType = MediaInputs.mimeTypeOf(media);
        CompletableFuture<UploadedMedia> upload = mimeType == null || mimeType.startsWith("image/")
                ? endpoint.services().client().uploadImage(media)
                : endpoint.services().client().uploadMedia(media);
        return upload.thenAccept(uploaded -> {
            Message message = exchange.getMessage();
            message.setHeader(SeedanceConstants.MEDIA_UUID, uploaded.uuid());
            message.setHeader(SeedanceConstants.MEDIA_URL, uploaded.url() == null ? null : uploaded.url().toString());
            message.setBody(uploaded.uuid());
        });
    }
}
