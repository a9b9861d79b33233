package io.github.camelseedance.seedance.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.camel.Message;
import org.apache.camel.util.ObjectHelper;

/**
 * Reads the body of a webhook request, at most the size cap. A body the HTTP server left unread (Vert.x with
 * platform-http's {@code useBodyHandler=false}: the paused request itself) or gave as a stream is read only up to one
 * byte past the cap, so an oversized post costs no more memory than the cap whatever it claims or sends.
 */
final class WebhookBody {

    /** The longest a client may take to send the body of a delivery that passed the token check. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private static final boolean VERTX = ObjectHelper.loadClass("io.vertx.core.streams.ReadStream",
            WebhookBody.class.getClassLoader()) != null;

    private WebhookBody() {
    }

    /** The body's bytes (UTF-8 JSON), read up to the cap. */
    static byte[] read(Message request, int max) throws IOException {
        Object body = request.getBody();
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (body instanceof byte[] array) {
            bytes = array;
        } else if (body instanceof InputStream stream) {
            try (InputStream in = stream) {
                bytes = in.readNBytes(max + 1);
            }
        } else if (VERTX && VertxRequestBody.isStream(body)) {
            bytes = VertxRequestBody.read(body, max, READ_TIMEOUT);
        } else {
            String text = request.getBody(String.class);
            bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > max) {
            throw new TooLargeException(max);
        }
        return bytes;
    }

    /** The body is larger than {@code webhookMaxBodySize}. */
    static final class TooLargeException extends IOException {
        TooLargeException(int max) {
            super("the body is larger than webhookMaxBodySize (" + max + " bytes)");
        }
    }
}
