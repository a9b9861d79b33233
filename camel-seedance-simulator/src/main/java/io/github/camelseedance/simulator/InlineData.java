package io.github.camelseedance.simulator;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Media given inline in a task: a data URI ({@code data:image/png;base64,...}, whose MIME type declares the format)
 * or plain base64.
 *
 * @param bytes    the decoded bytes
 * @param declared the format a data URI declares, empty for plain base64
 */
record InlineData(byte[] bytes, Optional<MediaFormat> declared) {

    private static final Pattern DATA_URI = Pattern.compile("data:([\\w.+-]+/[\\w.+-]+);base64,(.*)", Pattern.DOTALL);

    /**
     * @throws IllegalArgumentException when the text is neither a base64 data URI nor base64
     */
    static InlineData decode(String input) {
        Matcher dataUri = DATA_URI.matcher(input);
        if (dataUri.matches()) {
            return new InlineData(Base64.getMimeDecoder().decode(dataUri.group(2)),
                    MediaFormat.ofContentType(dataUri.group(1)));
        }
        return new InlineData(Base64.getMimeDecoder().decode(input), Optional.empty());
    }
}
