package io.github.camelseedance.seedance.operation;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.model.UploadedMedia;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.WrappedFile;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * upload: store the body (an image, video or audio) at Runware and return its UUID, to use in later tasks without
 * sending the bytes again; the way to pass media too large to send inline. Text (a URL, data URI or base64) is sent as
 * it is. Anything else is streamed from a file, base64 encoded as it is read, so media of any size cost a fixed amount
 * of memory: a {@code File}, {@code Path} or Camel file as it is, bytes and streams through a temporary file deleted
 * when the exchange completes. Everything goes through mediaStorage.
 */
final class UploadOperation implements OperationHandler {

    private static final int SIGNATURE_BYTES = 12;
    private static final String ALLOWED = "the media to upload: text (URL, data URI, base64), or the bytes of an image "
                                          + "(PNG, JPEG, WEBP, GIF, BMP), video (MP4, MOV, WEBM) or audio (MP3, WAV, "
                                          + "FLAC) as byte[], File, Path, InputStream or a Camel file";

    private final SeedanceEndpoint endpoint;

    UploadOperation(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public CompletableFuture<Void> process(Exchange exchange) throws IOException {
        Object body = exchange.getMessage().getBody();
        if (body == null) {
            throw InvalidInput.of("body", null, ALLOWED);
        }
        RunwareClient client = endpoint.services().client();
        CompletableFuture<UploadedMedia> upload;
        if (body instanceof String text) {
            upload = client.uploadMedia(text.trim());
        } else {
            Path file = file(exchange, body);
            String mimeType = signature(file);
            if (!mimeType.startsWith("image/") && !mimeType.startsWith("video/") && !mimeType.startsWith("audio/")) {
                throw InvalidInput.of("body", body.getClass().getSimpleName() + " whose bytes are no known media ("
                                              + mimeType + ")",
                        ALLOWED);
            }
            upload = client.uploadMedia(file, mimeType);
        }
        return upload.thenAccept(uploaded -> {
            Message message = exchange.getMessage();
            message.setHeader(SeedanceConstants.MEDIA_UUID, uploaded.uuid());
            message.setHeader(SeedanceConstants.MEDIA_URL, uploaded.url() == null ? null : uploaded.url().toString());
            message.setBody(uploaded.uuid());
        });
    }

    /** The file the body is, or a temporary copy of its bytes, deleted when the exchange completes. */
    private Path file(Exchange exchange, Object body) throws IOException {
        if (body instanceof File file) {
            return file.toPath();
        }
        if (body instanceof Path path) {
            return path;
        }
        if (body instanceof WrappedFile<?> wrapped && wrapped.getFile() instanceof File file && file.isFile()) {
            return file.toPath();
        }
        InputStream in = exchange.getContext().getTypeConverter().convertTo(InputStream.class, exchange,
                body instanceof WrappedFile<?> wrapped ? wrapped.getBody() : body);
        if (in == null) {
            throw InvalidInput.of("body", body.getClass().getName(), ALLOWED);
        }
        Path copy = Files.createTempFile(endpoint.tempDirectory(), "upload-", ".media");
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try (InputStream source = in) {
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    private static String signature(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return MediaInputs.sniff(in.readNBytes(SIGNATURE_BYTES));
        }
    }
}
