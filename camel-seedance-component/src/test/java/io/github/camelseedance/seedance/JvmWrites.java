package io.github.camelseedance.seedance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes this JVM has passed to write calls (files and sockets alike), from Linux's {@code /proc/self/io}; for the
 * tests that count the bytes written per video (this module's, and the examples' through the test jar).
 */
public final class JvmWrites {

    /** Linux's I/O counters of this process: tests that need them skip without them. */
    public static final Path COUNTERS = Path.of("/proc/self/io");

    private JvmWrites() {
    }

    /** @return the bytes this JVM passed to write calls so far */
    public static long total() throws IOException {
        return Files.readAllLines(COUNTERS).stream().filter(line -> line.startsWith("wchar:"))
                .mapToLong(line -> Long.parseLong(line.substring("wchar:".length()).trim())).findFirst()
                .orElseThrow();
    }
}
