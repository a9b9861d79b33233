package io.github.camelseedance.seedance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test applications in JVMs of their own, as a user would run them: this JDK, the test class path, a heap cap, the
 * output (and errors) in a log file. Registered as an extension, it kills those still running when each test ends.
 */
final class ChildJvms implements AfterEachCallback {

    private final List<Process> processes = new ArrayList<>();

    /**
     * @param  main    the application's main class
     * @param  maxHeap the {@code -Xmx} value, such as {@code 128m}
     * @param  log     where its output goes
     * @param  args    its arguments
     * @return         the running process
     */
    Process start(Class<?> main, String maxHeap, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + maxHeap,
                // Vert.x's cache where the tests keep theirs (a killed child cannot delete it)
                "-Dvertx.cacheDirBase=" + System.getProperty("vertx.cacheDirBase", "target/vertx-cache"), "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        processes.forEach(Process::destroyForcibly);
        processes.clear();
    }
}
