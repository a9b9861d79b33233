package io.github.camelseedance.examples.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One instance of the fleet example in a JVM of its own, started with the given properties, killed by signals. */
final class FleetInstance {

    private static final Pattern STORED = Pattern.compile("Stored (\\S+) for task (\\S+) on instance (\\S+)");

    final String name;
    private final Path log;
    private final Process process;

    private FleetInstance(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** A fresh folder for the logs of one test's instances, in the build folder (kept after the run, for a look). */
    static Path logFolder(String test) {
        try {
            Path folder = Files.createDirectories(Path.of("target", "fleet-logs", test));
            try (var old = Files.list(folder)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static FleetInstance start(String name, Path folder, Map<String, String> properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                // S3Proxy does not take the trailing checksums the AWS SDK sends by default
                "-Daws.requestChecksumCalculation=WHEN_REQUIRED", "-Daws.responseChecksumValidation=WHEN_REQUIRED"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        // its webhook server's Vert.x cache where the tests keep theirs (a killed instance cannot delete it)
        command.add("-Dvertx.cacheDirBase=" + System.getProperty("vertx.cacheDirBase", "target/vertx-cache"));
        command.add("-Dfleet.instance-name=" + name);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FleetExample.class.getName()));
        Path log = folder.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new FleetInstance(name, log, process);
    }

    boolean started() throws IOException {
        return logText().contains("Routes startup") && logText().contains("started in");
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The S3 keys this instance stored, in order, each as often as it stored it. */
    List<String> stored() throws IOException {
        List<String> keys = new ArrayList<>();
        Matcher matcher = STORED.matcher(logText());
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    Set<String> distinctStored() throws IOException {
        return new LinkedHashSet<>(stored());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
    }

    void stop() {
        process.destroyForcibly();
    }
}
