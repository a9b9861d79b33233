package io.github.camelseedance.examples.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Gives each input a base name nothing else uses, so that two inputs with the same name (a second {@code cat.txt},
 * or {@code cat.txt} and {@code cat.json}) never overwrite each other's videos, sidecars, errors or {@code .done}
 * copies: the first is {@code cat}, the next {@code cat.2}, {@code cat.3}, ... A name is taken when a file of the
 * outbox, of {@code inbox/.done} or of the failed folder starts with it, or while an input in flight holds it.
 */
final class OutputNames {

    private final Path outbox;
    private final Path done;
    private final Path failed;
    private final Set<String> held = new HashSet<>();

    OutputNames(Path outbox, Path done, Path failed) {
        this.outbox = outbox;
        this.done = done;
        this.failed = failed;
    }

    /** A free base name for an input whose name without extension is {@code baseName}; hold it until released. */
    synchronized String take(String baseName) {
        String candidate = baseName;
        for (int n = 2; taken(candidate); n++) {
            candidate = baseName + "." + n;
        }
        held.add(candidate.toLowerCase(Locale.ROOT));
        return candidate;
    }

    /** The input is done: its files are written, so they now hold the name. */
    synchronized void release(String name) {
        held.remove(name.toLowerCase(Locale.ROOT));
    }

    private boolean taken(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return held.contains(lower) || used(outbox, lower) || used(done, lower) || used(failed, lower);
    }

    /** Whether a file of the folder is {@code name.*} or {@code name-N.*} (a video of several results). */
    private static boolean used(Path folder, String name) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString().toLowerCase(Locale.ROOT))
                    .anyMatch(f -> f.startsWith(name + ".") && !f.substring(name.length() + 1).matches("\\d+\\..*")
                                   || f.matches(java.util.regex.Pattern.quote(name) + "-\\d+\\.[^.]+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
