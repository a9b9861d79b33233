package io.github.camelseedance.runware.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A request body of one task whose last field is a file as a data URI, base64 encoded as the file is read: the body
 * is streamed, so a file of any size costs a fixed amount of memory. Each attempt reads the file again.
 */
public final class Base64FileBody {

    /** Raw bytes encoded per read: a multiple of 3, so chunks encode without padding until the last. */
    private static final int CHUNK = 3 * 16 * 1024;

    private Base64FileBody() {
    }

    /**
     * @param  task     the task's other fields (written first, as JSON)
     * @param  field    the field that carries the file
     * @param  file     the file
     * @param  mimeType its MIME type, for the data URI
     * @return          a publisher of {@code [{...task..., "field": "data:mime;base64,..."}]}
     */
    public static HttpRequest.BodyPublisher of(Map<String, Object> task, String field, Path file, String mimeType) {
        String json = Json.write(List.of(task));
        // [{"a":1}] becomes [{"a":1,"field":"data:...;base64,   ...   "}]
        byte[] prefix = (json.substring(0, json.length() - 2) + ",\"" + field + "\":\"data:" + mimeType + ";base64,")
                .getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}]".getBytes(StandardCharsets.UTF_8);
        return HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return new SequenceInputStream(java.util.Collections.enumeration(List.of(
                        new ByteArrayInputStream(prefix), new Encoding(Files.newInputStream(file)),
                        new ByteArrayInputStream(suffix))));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        });
    }

    /** The base64 encoding of a stream, read as it is encoded. */
    private static final class Encoding extends InputStream {
        private final InputStream source;
        private byte[] encoded = new byte[0];
        private int position;
        private boolean ended;

        Encoding(InputStream source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position == encoded.length) {
                if (ended) {
                    return -1;
                }
                byte[] raw = source.readNBytes(CHUNK);
                ended = raw.length < CHUNK;
                encoded = Base64.getEncoder().encode(raw);
                position = 0;
                if (encoded.length == 0) {
                    return -1;
                }
            }
            int count = Math.min(length, encoded.length - position);
            System.arraycopy(encoded, position, buffer, offset, count);
            position += count;
            return count;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }
}
