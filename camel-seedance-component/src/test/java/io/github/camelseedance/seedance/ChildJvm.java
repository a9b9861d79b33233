package io.github.camelseedance.seedance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a test application in a JVM of its own, as a user would run it: this JDK, the test class path, a heap cap,
 * its output (and errors) in a log file. The test that starts it kills it when it ends.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * @param  main    the application's main class
     * @param  maxHeap the {@code -Xmx} value, such as {@code 128m}
     * @param  log     where its output goes
     * @param  args    its arguments
     * @return         the running process
     */
    static Process start(Class<?> main, String maxHeap, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
