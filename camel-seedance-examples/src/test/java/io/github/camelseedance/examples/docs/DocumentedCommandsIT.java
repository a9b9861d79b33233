package io.github.camelseedance.examples.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every command of README.md and docs/examples/*.md, run exactly as written, from a clean copy of the repository
 * (the files git knows, no build output), against the in-process servers the examples start: it drops the
 * documented input (the commands after {@code # in another terminal}), waits for the documented output (the files
 * and text of the block's {@code <!-- run: ... -->} comment), and stops the example (SIGTERM to its process group,
 * SIGKILL after 30 s), each within its timeout. Blocks marked {@code <!-- not run: why -->} are listed with the
 * reason; a shell block with neither comment fails the test, so a new command in the docs is covered without
 * editing this class. The report is {@code target/doc-commands/report.txt}.
 *
 * <p>{@code RUNWARE_API_KEY} and {@code RUNWARE_BASE_URL} are removed from the commands' environment: they use the
 * embedded simulator, never the paid API.
 */
class DocumentedCommandsIT {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    @Test
    void everyDocumentedCommandRunsAsWritten() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("README.md")).as("the repository root").exists();
        Path work = Path.of("target", "doc-commands").toAbsolutePath();
        deleteTree(work);
        Path copy = Files.createDirectories(work.resolve("repository"));
        Set<Path> pristine = cleanCopy(root, copy);

        List<DocCommand> commands = new ArrayList<>(DocCommand.read(copy, copy.resolve("README.md")));
        try (Stream<Path> docs = Files.list(copy.resolve("docs/examples"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                commands.addAll(DocCommand.read(copy, doc));
            }
        }
        List<String> report = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (int i = 0; i < commands.size(); i++) {
            DocCommand command = commands.get(i);
            if (command.notRun() != null) {
                report.add("not run  " + command.where() + ": " + command.notRun());
                continue;
            }
            resetTo(copy, pristine);
            Instant start = Instant.now();
            String failure = run(copy, command, work.resolve("block-" + (i + 1) + ".log"));
            long seconds = Duration.between(start, Instant.now()).toSeconds();
            ran++;
            if (failure == null) {
                report.add("ran      " + command.where() + " in " + seconds + " s: " + command.options());
            } else {
                report.add("FAILED   " + command.where() + " after " + seconds + " s: " + failure);
                failures.add(command.where() + ": " + failure);
            }
        }
        Files.write(work.resolve("report.txt"), report, StandardCharsets.UTF_8);
        report.forEach(System.out::println);
        assertThat(ran).as("commands run").isGreaterThan(0);
        assertThat(failures).as(String.join("\n", report)).isEmpty();
    }

    /** Runs one block; null when it did what its comment says, else what went wrong. */
    private static String run(Path root, DocCommand command, Path log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(command.timeoutSeconds());
        Process process = shell(root, command.commands(), log);
        try {
            if (!command.then().isBlank()) {
                String ready = command.options().get("ready");
                if (ready != null && !untilOrEnded(process, deadline, () -> read(log).contains(ready))) {
                    if (!process.isAlive()) {
                        return "ended (exit " + process.exitValue() + ") before printing '" + ready + "'" + tail(log);
                    }
                    return "did not print '" + ready + "' within " + command.timeoutSeconds() + " s" + tail(log);
                }
                Path thenLog = Path.of(log + ".then");
                Process then = shell(root, command.then(), thenLog);
                if (!then.waitFor(Math.max(1, Duration.between(Instant.now(), deadline).toSeconds()),
                        TimeUnit.SECONDS)) {
                    stop(then);
                    return "the commands after '# in another terminal' did not end" + tail(thenLog);
                }
                if (then.exitValue() != 0) {
                    return "the commands after '# in another terminal' exited " + then.exitValue() + tail(thenLog);
                }
            }
            if (untilOrEnded(process, deadline, () -> missing(root, command, log) == null)) {
                if (!process.isAlive() && process.exitValue() != 0) {
                    return "exited " + process.exitValue() + tail(log);
                }
                return null;
            }
            String missing = missing(root, command, log);
            if (!process.isAlive()) {
                return "ended (exit " + process.exitValue() + ") without " + missing + tail(log);
            }
            return "no " + missing + " within " + command.timeoutSeconds() + " s" + tail(log);
        } finally {
            stop(process);
        }
    }

    /**
     * Waits until the condition holds or the process ended, at most until the deadline.
     *
     * @return whether the condition held (checked once more after the process ended)
     */
    private static boolean untilOrEnded(Process process, Instant deadline, Callable<Boolean> condition)
            throws Exception {
        try {
            await().atMost(Duration.ofMillis(Math.max(1, Duration.between(Instant.now(), deadline).toMillis())))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .until(() -> condition.call() || !process.isAlive());
        } catch (ConditionTimeoutException timedOut) {
            return false;
        }
        return condition.call();
    }

    /** What the block's comment promises and is not there yet, or null. */
    private static String missing(Path root, DocCommand command, Path log) throws IOException {
        for (String expected : command.expected()) {
            Path file = root.resolve(expected.trim());
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                return expected;
            }
            if (expected.endsWith(".mp4") && !isMp4(file)) {
                return expected + " as an MP4";
            }
        }
        String output = command.options().get("output");
        if (output != null && !read(log).contains(output) && !read(Path.of(log + ".then")).contains(output)) {
            return "output '" + output + "'";
        }
        return null;
    }

    private static boolean isMp4(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            return head.length == 8 && "ftyp".equals(new String(head, 4, 4, StandardCharsets.US_ASCII));
        }
    }

    /** Starts bash on the commands in a session of its own (so that stopping it stops what it started). */
    private static Process shell(Path root, String commands, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-e", "-c", commands).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("RUNWARE_API_KEY");
        builder.environment().remove("RUNWARE_BASE_URL");
        // the temporary files of every JVM the commands start (videos, Vert.x's cache, Tomcat's work folder) stay in
        // the copy, which the test deletes, not in the system temp folder
        Path tmp = Files.createDirectories(root.resolve("target/tmp"));
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
        return builder.start();
    }

    /** SIGTERM to the process group (as Ctrl+C would stop it), SIGKILL after the grace time. */
    private static void stop(Process process) throws Exception {
        if (!process.isAlive()) {
            signal(process, "KILL"); // children it left behind, if any
            return;
        }
        signal(process, "TERM");
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            signal(process, "KILL");
            process.waitFor(10, TimeUnit.SECONDS);
        }
        signal(process, "KILL");
    }

    private static void signal(Process process, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
    }

    /** Copies the files git knows (tracked, and new ones not ignored) of {@code root}; returns them. */
    private static Set<Path> cleanCopy(Path root, Path copy) throws Exception {
        Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as("git ls-files").isZero();
        Set<Path> files = new HashSet<>();
        for (String name : listing.split("\0")) {
            Path source = root.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(source)) {
                continue;
            }
            Path target = copy.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            files.add(target);
        }
        return files;
    }

    /** Deletes what earlier commands made (inboxes, outboxes, state), keeping the sources and the build output. */
    private static void resetTo(Path copy, Set<Path> pristine) throws IOException {
        try (Stream<Path> paths = Files.walk(copy)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Path relative = copy.relativize(path);
                boolean build = relative.getNameCount() > 1 && relative.getName(1).toString().equals("target");
                if (path.equals(copy) || pristine.contains(path) || build || relative.startsWith(".git")) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    try (Stream<Path> children = Files.list(path)) {
                        if (children.findAny().isPresent()) {
                            continue;
                        }
                    }
                }
                Files.delete(path);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = read(log).lines().toList();
        return "\n    " + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }
}
