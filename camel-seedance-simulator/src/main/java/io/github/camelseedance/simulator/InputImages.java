package io.github.camelseedance.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads the bytes of an image input of a video task, so the rendered video can show it: a data URI, plain base64,
 * the UUID of uploaded media, or the URL of media this simulator serves. Other URLs are not fetched (a video task
 * never goes out to the network).
 */
final class InputImages {

    private final MediaStore media;

    InputImages(MediaStore media) {
        this.media = media;
    }

    Optional<byte[]> read(String input) {
        if (MediaInputChecker.UUID_SHAPE.matcher(input).matches()) {
            return media.find(input).map(InputImages::bytes);
        }
        if (input.startsWith("http://") || input.startsWith("https://")) {
            return media.findByUrl(input).map(InputImages::bytes);
        }
        try {
            return Optional.of(InlineData.decode(input).bytes());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(StoredMedia stored) {
        try (InputStream in = stored.content().open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
