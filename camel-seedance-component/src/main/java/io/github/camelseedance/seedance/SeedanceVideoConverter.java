package io.github.camelseedance.seedance;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Converter;
import org.apache.camel.Exchange;

/**
 * Type converters from a {@link SeedanceVideo} to what sinks take. The video is read from its file (or, streamed, from
 * its download) on demand, never held in memory unless {@code byte[]} is asked for. A video that was not downloaded
 * converts to nothing; a streamed one to no {@code File} or {@code Path}, so file sinks write it from its stream.
 */
@Converter(generateLoader = true)
public final class SeedanceVideoConverter {

    private SeedanceVideoConverter() {
    }

    @Converter
    public static InputStream toInputStream(SeedanceVideo video, Exchange exchange) throws IOException {
        return video.openStream(exchange);
    }

    @Converter
    public static Path toPath(SeedanceVideo video) {
        return video.getPath();
    }

    @Converter
    public static File toFile(SeedanceVideo video) {
        return video.getFile();
    }

    @Converter
    public static byte[] toBytes(SeedanceVideo video, Exchange exchange) throws IOException {
        if (video.isDownloaded()) {
            return Files.readAllBytes(video.getPath());
        }
        try (InputStream stream = video.openStream(exchange)) {
            return stream == null ? null : stream.readAllBytes();
        }
    }
}
