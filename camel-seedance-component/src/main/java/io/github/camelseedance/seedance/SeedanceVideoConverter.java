package io.github.camelseedance.seedance;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Converter;

/**
 * Type converters from a {@link SeedanceVideo} to what sinks take. The video is read from its file on demand, never
 * held in memory unless {@code byte[]} is asked for. A video that was not downloaded converts to nothing.
 */
@Converter(generateLoader = true)
public final class SeedanceVideoConverter {

    private SeedanceVideoConverter() {
    }

    @Converter
    public static InputStream toInputStream(SeedanceVideo video) throws IOException {
        return video.isDownloaded() ? Files.newInputStream(video.getPath()) : null;
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
    public static byte[] toBytes(SeedanceVideo video) throws IOException {
        return video.isDownloaded() ? Files.readAllBytes(video.getPath()) : null;
    }
}
