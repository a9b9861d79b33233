package io.github.camelseedance.seedance.operation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.camelseedance.runware.rules.Violation;
import org.apache.camel.Exchange;
import org.apache.camel.WrappedFile;

/**
 * The media inputs of one request, as the Runware API takes them. Images may be a UUID, a URL, or inline: a data URI,
 * base64 text, {@code byte[]}, {@link File}, {@link Path}, {@link InputStream} or a Camel file, whose bytes must be an
 * image (PNG, JPEG, WEBP, GIF or BMP by their signature, whatever the file is named). Reference videos and audios are
 * UUIDs or URLs only, as Runware takes them. Inline media count against {@code maxInlineMediaSize} for the whole
 * request: a file's size is checked before any byte of it is read, a stream is read at most one byte past what is
 * left, and the base64 encoding is streamed from the source. Every problem is collected as a {@link Violation} naming
 * the option or header the value came from.
 */
final class InlineMedia {

    /** What a media input is. */
    enum Kind {
        IMAGE, VIDEO, AUDIO
    }

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final String IMAGE_FORMATS = "PNG, JPEG, WEBP, GIF or BMP";
    /** Base64 characters enough to decode the longest signature sniffed (12 bytes). */
    private static final int SIGNATURE_CHARS = 16;
    private static final int SIGNATURE_BYTES = 12;

    private final Exchange exchange;
    private final long maxInlineBytes;
    private final List<Violation> violations;
    private long inlineBytes;

    /**
     * @param exchange       the exchange whose media these are (for type conversions)
     * @param maxInlineBytes the most bytes of inline media the request may carry in all
     * @param violations     where problems are added
     */
    InlineMedia(Exchange exchange, long maxInlineBytes, List<Violation> violations) {
        this.exchange = exchange;
        this.maxInlineBytes = maxInlineBytes;
        this.violations = violations;
    }

    /**
     * A list of media values as API strings: a collection or array gives one entry per element; text is split at
     * commas unless it is a data URI. Values in error are left out (and reported).
     *
     * @param source the option or header the value came from
     */
    List<String> list(String source, Kind kind, Object value) {
        List<String> result = new ArrayList<>();
        for (Object element : MediaInputs.elements(value)) {
            if (element instanceof String text && !text.startsWith("data:")) {
                for (String part : text.split(",")) {
                    if (!part.isBlank()) {
                        add(result, one(source, kind, part.trim()));
                    }
                }
            } else if (element != null) {
                add(result, one(source, kind, element));
            }
        }
        return result;
    }

    /**
     * One media value as the API string, or {@code null} when it is in error (and reported).
     *
     * @param source the option or header the value came from
     */
    String one(String source, Kind kind, Object value) {
        if (value instanceof String text) {
            return text(source, kind, text.trim());
        }
        if (kind != Kind.IMAGE) {
            return refuse(source, describe(value), kind.name().toLowerCase(Locale.ROOT) + "s as a UUID or a URL: "
                                                   + "Runware takes no inline " + kind.name().toLowerCase(Locale.ROOT)
                                                   + "; upload it first with "
                                                   + "seedance:upload and pass its UUID");
        }
        if (value instanceof byte[] bytes) {
            return bytes(source, bytes, describe(value));
        }
        if (value instanceof File file) {
            return file(source, file.toPath());
        }
        if (value instanceof Path path) {
            return file(source, path);
        }
        if (value instanceof WrappedFile<?> wrapped) {
            if (wrapped.getFile() instanceof File file && file.isFile()) {
                return file(source, file.toPath());
            }
            return one(source, kind, exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange,
                    wrapped.getBody()));
        }
        if (value instanceof InputStream in) {
            return stream(source, in);
        }
        byte[] bytes = exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange, value);
        if (bytes == null) {
            return refuse(source, value.getClass().getName(), "a UUID, URL, data URI or base64 text, byte[], File, "
                                                              + "Path, InputStream or a Camel file");
        }
        return bytes(source, bytes, describe(value));
    }

    private String text(String source, Kind kind, String text) {
        if (text.contains("://") || UUID.matcher(text).matches()) {
            return text;
        }
        if (kind != Kind.IMAGE) {
            return refuse(source, abbreviate(text), kind.name().toLowerCase(Locale.ROOT) + "s as a UUID or a URL: "
                                                    + "Runware takes no inline " + kind.name().toLowerCase(Locale.ROOT)
                                                    + "; upload it first with "
                                                    + "seedance:upload and pass its UUID");
        }
        String base64 = text.startsWith("data:") ? text.substring(text.indexOf(',') + 1) : text;
        byte[] head;
        try {
            head = Base64.getMimeDecoder()
                    .decode(padded(base64.substring(0, Math.min(base64.length(), SIGNATURE_CHARS))));
        } catch (IllegalArgumentException e) {
            head = new byte[0];
        }
        if (!MediaInputs.sniff(head).startsWith("image/")) {
            return refuse(source, abbreviate(text), "an image: a UUID, a URL, or a data URI or base64 text of "
                                                    + IMAGE_FORMATS + " bytes");
        }
        return withinBudget(source, base64.length() / 4L * 3, abbreviate(text)) ? text : null;
    }

    private String bytes(String source, byte[] bytes, String described) {
        String mime = MediaInputs.sniff(bytes);
        if (!mime.startsWith("image/")) {
            return refuse(source, described + " that are not an image (" + mime + ")", IMAGE_FORMATS + " bytes");
        }
        if (!withinBudget(source, bytes.length, described)) {
            return null;
        }
        return encode(new ByteArrayInputStream(bytes), mime, bytes.length);
    }

    private String file(String source, Path path) {
        long size;
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            size = Files.size(path);
            head = in.readNBytes(SIGNATURE_BYTES);
        } catch (IOException e) {
            return refuse(source, "file " + path, "a readable file (" + e.getMessage() + ")");
        }
        String mime = MediaInputs.sniff(head);
        if (!mime.startsWith("image/")) {
            return refuse(source, "file " + path + " whose bytes are not an image (" + mime + ")",
                    IMAGE_FORMATS + " bytes");
        }
        if (!withinBudget(source, size, "file " + path + " (" + size + " bytes)")) {
            return null;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return encode(in, mime, size);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read media file " + path, e);
        }
    }

    private String stream(String source, InputStream stream) {
        long left = Math.max(0, maxInlineBytes - inlineBytes);
        byte[] bytes;
        try (InputStream in = stream) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, left + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the media stream of " + source, e);
        }
        return bytes(source, bytes, "a stream of " + (bytes.length > left ? "more than " + left : bytes.length)
                                    + " bytes");
    }

    /** Counts inline bytes; refuses them when the request would carry more than maxInlineMediaSize in all. */
    private boolean withinBudget(String source, long size, String described) {
        if (inlineBytes + size > maxInlineBytes) {
            refuse(source, described, "at most maxInlineMediaSize (" + maxInlineBytes + " bytes) of inline media per "
                                      + "request in all (" + inlineBytes
                                      + " already taken): upload larger media first with "
                                      + "seedance:upload and pass its UUID, or pass a URL");
            return false;
        }
        inlineBytes += size;
        return true;
    }

    /** A data URI, base64 encoded as the source is read, never holding the raw bytes whole. */
    private static String encode(InputStream in, String mime, long size) {
        byte[] prefix = ("data:" + mime + ";base64,").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                prefix.length + 4 * ((size + 2) / 3)));
        out.writeBytes(prefix);
        try (OutputStream base64 = Base64.getEncoder().wrap(out)) {
            in.transferTo(base64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read media bytes", e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private String refuse(String source, String value, String allowed) {
        violations.add(InvalidInput.violation(source, value, allowed));
        return null;
    }

    private static void add(List<String> result, String value) {
        if (value != null) {
            result.add(value);
        }
    }

    private static String describe(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes.length + " bytes";
        }
        if (value instanceof File file) {
            return "file " + file;
        }
        if (value instanceof Path path) {
            return "file " + path;
        }
        if (value instanceof WrappedFile<?> wrapped) {
            return "file " + wrapped.getFile();
        }
        return value.getClass().getSimpleName();
    }

    private static String padded(String base64) {
        int cut = base64.length() - base64.length() % 4;
        return base64.substring(0, cut);
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
