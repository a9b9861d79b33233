package io.github.camelseedance.simulator;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks one media input of a task: a UUID of stored media (which must exist and be of the right kind), a public
 * http(s) URL, or, where inline data is allowed, a data URI or plain base64.
 */
final class MediaInputChecker {

    static final Pattern UUID_SHAPE = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/\\r\\n]{8,}={0,2}");
    private static final Pattern DATA_URI = Pattern.compile("data:[\\w.+-]+/[\\w.+-]+;base64,[A-Za-z0-9+/=\\r\\n]+");

    private final MediaStore media;

    MediaInputChecker(MediaStore media) {
        this.media = media;
    }

    /**
     * @param value       the input as given
     * @param parameter   its parameter name, e.g. {@code inputs.referenceImages}
     * @param kind        what the input must be
     * @param allowInline whether data URIs and base64 are accepted (images only)
     */
    void check(Object value, String parameter, MediaKind kind, boolean allowInline) {
        if (!(value instanceof String input) || input.isBlank()) {
            throw TaskFields.invalidValue(parameter,
                    "Invalid value for '" + parameter + "': " + value + ". Each item must be a non-empty string.");
        }
        if (UUID_SHAPE.matcher(input).matches()) {
            checkStored(input, parameter, kind);
        } else if (!isHttpUrl(input) && !(allowInline && (DATA_URI.matcher(input).matches()
                                                          || BASE64.matcher(input).matches()))) {
            String accepted = allowInline
                    ? "a media UUID, an http(s) URL, a data URI or base64"
                    : "a media UUID or an http(s) URL";
            throw TaskFields.invalidValue(parameter,
                    "Invalid value for '" + parameter + "': '" + abbreviate(input) + "'. It must be " + accepted + ".");
        }
    }

    private void checkStored(String uuid, String parameter, MediaKind kind) {
        StoredMedia stored = media.find(uuid).orElseThrow(() -> TaskFields.invalid(ErrorCodes.MEDIA_NOT_FOUND,
                parameter, "No media with UUID '" + uuid + "' for '" + parameter
                           + "': it was never uploaded or it expired."));
        if (stored.kind() != kind) {
            throw TaskFields.invalidValue(parameter,
                    "Invalid value for '" + parameter + "': media '" + uuid + "' is "
                                                     + stored.kind().name().toLowerCase(Locale.ROOT) + ", expected "
                                                     + kind.name().toLowerCase(Locale.ROOT) + ".");
        }
    }

    private static boolean isHttpUrl(String input) {
        try {
            URI uri = new URI(input);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                   && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
