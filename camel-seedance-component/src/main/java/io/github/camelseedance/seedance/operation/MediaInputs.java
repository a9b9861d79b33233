package io.github.camelseedance.seedance.operation;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.WrappedFile;
import org.apache.camel.util.MimeTypeHelper;

/**
 * Turns the media a route has (UUID, URL, data URI, base64, {@code byte[]}, {@link File}, {@link Path},
 * {@link InputStream}, a Camel file message) into what the Runware API takes: a string, with bytes sent as a data URI
 * of the right MIME type.
 */
final class MediaInputs {

    private MediaInputs() {
    }

    /** One media value as the API string; {@code null} stays {@code null}. */
    static String toApiValue(Exchange exchange, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text.trim();
        }
        if (value instanceof byte[] bytes) {
            return dataUri(sniff(bytes), bytes);
        }
        if (value instanceof File file) {
            return fromPath(file.toPath());
        }
        if (value instanceof Path path) {
            return fromPath(path);
        }
        if (value instanceof WrappedFile<?> wrapped) {
            if (wrapped.getFile() instanceof File file && file.isFile()) {
                return fromPath(file.toPath());
            }
            return toApiValue(exchange, exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange,
                    wrapped.getBody()));
        }
        if (value instanceof InputStream in) {
            try (in) {
                return toApiValue(exchange, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read media input stream", e);
            }
        }
        byte[] bytes = exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange, value);
        if (bytes == null) {
            throw InvalidInput.of("media input", value.getClass().getName(),
                    "UUID, URL, data URI or base64 text, byte[], File, Path, InputStream or a Camel file");
        }
        return dataUri(sniff(bytes), bytes);
    }

    /**
     * A list of media values as API strings: a collection or array gives one entry per element; text is split at
     * commas unless it is a data URI.
     */
    static List<String> toApiList(Exchange exchange, Object value) {
        List<String> result = new ArrayList<>();
        for (Object element : elements(value)) {
            if (element instanceof String text && !text.startsWith("data:")) {
                for (String part : text.split(",")) {
                    if (!part.isBlank()) {
                        result.add(part.trim());
                    }
                }
            } else if (element != null) {
                result.add(toApiValue(exchange, element));
            }
        }
        return result;
    }

    /** The elements of a collection or array, or the value itself. */
    static List<Object> elements(Object value) {
        List<Object> result = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            result.addAll(collection);
        } else if (value != null && value.getClass().isArray() && !(value instanceof byte[])) {
            for (int i = 0; i < Array.getLength(value); i++) {
                result.add(Array.get(value, i));
            }
        } else if (value != null) {
            result.add(value);
        }
        return result;
    }

    /** The MIME type of an API media value when it can be told (data URI prefix or file extension), else null. */
    static String mimeTypeOf(String apiValue) {
        if (apiValue.startsWith("data:")) {
            int end = apiValue.indexOf(';');
            return end > 5 ? apiValue.substring(5, end) : null;
        }
        int query = apiValue.indexOf('?');
        String name = query >= 0 ? apiValue.substring(0, query) : apiValue;
        String mime = MimeTypeHelper.probeMimeType(name.toLowerCase(Locale.ROOT));
        return mime != null && (mime.startsWith("image/") || mime.startsWith("video/") || mime.startsWith("audio/"))
                ? mime
                : null;
    }

    private static String fromPath(Path path) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            String mime = mimeTypeOf(path.getFileName().toString());
            return dataUri(mime != null ? mime : sniff(bytes), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read media file " + path, e);
        }
    }

    private static String dataUri(String mimeType, byte[] bytes) {
        return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** The MIME type from the file's magic bytes; application/octet-stream when unknown. */
    static String sniff(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(b, 0, 'B', 'M')) {
            return "image/bmp";
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return "image/webp";
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'A', 'V', 'E')) {
            return "audio/wav";
        }
        if (startsWith(b, 4, 'f', 't', 'y', 'p')) {
            return startsWith(b, 8, 'q', 't') ? "video/quicktime" : "video/mp4";
        }
        if (startsWith(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return "video/webm";
        }
        if (startsWith(b, 0, 'I', 'D', '3') || startsWith(b, 0, 0xFF, 0xFB)) {
            return "audio/mpeg";
        }
        if (startsWith(b, 0, 'f', 'L', 'a', 'C')) {
            return "audio/flac";
        }
        return "application/octet-stream";
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Text of a message body for prompts: {@code null} for anything that is not text. */
    static String text(Exchange exchange, Object body) {
        if (body instanceof String text) {
            return text;
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof WrappedFile<?> || body instanceof File || body instanceof Path
            || body instanceof InputStream) {
            return exchange.getContext().getTypeConverter().convertTo(String.class, exchange, body);
        }
        return null;
    }
}
