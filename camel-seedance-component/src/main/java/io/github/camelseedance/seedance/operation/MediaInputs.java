package io.github.camelseedance.seedance.operation;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.WrappedFile;
import org.apache.camel.util.MimeTypeHelper;

/**
 * What the operations share about media and text in messages: the elements of a media value, the MIME type of an
 * API media value or of bytes by their signature, and the text of a body.
 */
final class MediaInputs {

    private MediaInputs() {
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
