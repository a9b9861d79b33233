package io.github.camelseedance.examples.studio;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.main.Main;

/**
 * The file-drop studio as a Camel Main application: resolves its folders, drops the samples on first start, starts
 * the embedded Runware simulator when there is no {@code RUNWARE_API_KEY}, and runs {@link StudioRoutes}.
 *
 * <p>{@link #run()} blocks until stopped (or, with {@code --once}, until the inputs waiting at start are done);
 * tests use {@link #start()} and {@link #close()}.
 */
public final class StudioApp implements AutoCloseable {

    static final String API_KEY_ENV = "RUNWARE_API_KEY";
    static final String BASE_URL_ENV = "RUNWARE_BASE_URL";
    private static final List<String> VIDEO_EXTENSIONS = List.of(".mp4", ".mov", ".webm");

    private final StudioOptions options;
    private final Map<String, String> env;
    private final Map<String, String> properties;
    private final StudioConsole console;
    private final Properties defaults = new Properties();
    private Path inbox;
    private Path outbox;
    private Path failed;
    private RunwareSimulator simulator;
    private Main main;
    private int waiting;

    /**
     * @param options    the command line
     * @param env        the environment ({@code RUNWARE_API_KEY}, {@code RUNWARE_BASE_URL})
     * @param properties settings that win over everything else (tests)
     * @param out        where the studio prints
     */
    public StudioApp(StudioOptions options, Map<String, String> env, Map<String, String> properties, PrintStream out) {
        this.options = options;
        this.env = env;
        this.properties = new LinkedHashMap<>(properties);
        this.console = new StudioConsole(out);
        try (InputStream in = StudioApp.class.getResourceAsStream("/studio.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs until stopped, or with {@code --once} until the inputs waiting at start are done; the exit code. */
    public int run() throws Exception {
        try {
            prepare();
            if (options.once()) {
                if (waiting == 0) {
                    console.say("Nothing waiting in %s (use --samples to drop the sample prompts again).", inbox);
                    return summary();
                }
                console.say("Generating %d input(s), then stopping (--once)...", waiting);
                console.stopAfter(waiting, main::completed);
            } else {
                console.say("Watching %s for prompts; press Ctrl+C to stop.", inbox);
            }
            return runUntilStopped();
        } finally {
            close();
        }
    }

    /** Runs Camel Main; a stop by a signal (Ctrl+C, SIGTERM) waits for the summary before the JVM exits. */
    private int runUntilStopped() throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread waitForSummary = new Thread(() -> {
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "studio-summary");
        Runtime.getRuntime().addShutdownHook(waitForSummary);
        try {
            main.run();
            close();
            return summary();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(waitForSummary);
            } catch (IllegalStateException shuttingDown) {
                // stopped by a signal: the hook is running and now returns
            }
        }
    }

    /** Starts the studio without blocking (tests): the routes watch the inbox until {@link #close()}. */
    public StudioApp start() throws Exception {
        prepare();
        main.start();
        return this;
    }

    @Override
    public void close() {
        if (main != null && !main.isStopped()) {
            try {
                main.stop();
            } catch (RuntimeException e) {
                console.say("Error while stopping: %s", e.getMessage());
            }
        }
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    /** What the studio printed and handled. */
    public StudioConsole console() {
        return console;
    }

    /** The embedded simulator, or null when talking to the API given by the environment. */
    public RunwareSimulator simulator() {
        return simulator;
    }

    public Path inbox() {
        return inbox;
    }

    public Path outbox() {
        return outbox;
    }

    public Path failed() {
        return failed;
    }

    private void prepare() throws IOException {
        Path base = options.directory().toAbsolutePath().normalize();
        inbox = base.resolve(setting("studio.inbox")).normalize();
        outbox = base.resolve(setting("studio.outbox")).normalize();
        failed = base.resolve(setting("studio.failed")).normalize();
        boolean firstStart = prompts(inbox) == 0 && videos(outbox).isEmpty();
        console.say("Seedance studio");

        main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:studio.properties;optional=true");
        main.addOverrideProperty("studio.inbox", inbox.toString());
        main.addOverrideProperty("studio.outbox", outbox.toString());
        main.addOverrideProperty("studio.failed", failed.toString());
        String apiKey = env.get(API_KEY_ENV);
        String backend;
        if (apiKey == null || apiKey.isBlank()) {
            simulator = RunwareSimulator.builder().renderTime(options.renderTime()).build().start();
            main.addOverrideProperty("camel.component.seedance.configuration.api-key", simulator.apiKey());
            main.addOverrideProperty("camel.component.seedance.configuration.base-url", simulator.baseUrl());
            main.addOverrideProperty("camel.component.seedance.configuration.initial-poll-delay", "1000");
            main.addOverrideProperty("camel.component.seedance.configuration.poll-interval", "1000");
            main.addOverrideProperty("camel.component.seedance.configuration.max-poll-interval", "2000");
            backend = "simulator";
            console.say("  backend: no %s set, so the embedded Runware simulator at %s", API_KEY_ENV,
                    simulator.baseUrl());
            console.say("           (simulated videos that show your prompt; nothing is billed)");
        } else {
            main.addOverrideProperty("camel.component.seedance.configuration.api-key", apiKey);
            String baseUrl = env.get(BASE_URL_ENV);
            if (baseUrl != null && !baseUrl.isBlank()) {
                main.addOverrideProperty("camel.component.seedance.configuration.base-url", baseUrl);
            }
            backend = baseUrl == null || baseUrl.isBlank() ? "runware" : baseUrl;
            console.say("  backend: the Runware API at %s (%s is set: videos are billed)",
                    baseUrl == null || baseUrl.isBlank() ? "https://api.runware.ai/v1" : baseUrl, API_KEY_ENV);
        }
        properties.forEach(main::addOverrideProperty);
        main.configure().addRoutesBuilder(new StudioRoutes(console, backend));

        console.say("  inbox:   %s  (.txt prompt, .json request, cat.png + cat.txt = image-to-video)", inbox);
        console.say("  outbox:  %s  (videos and their .json sidecars)", outbox);
        console.say("  failed:  %s  (the error of each failed input)", failed);
        Files.createDirectories(inbox);
        if (Boolean.TRUE.equals(options.samples()) || options.samples() == null && firstStart) {
            Samples.drop(inbox);
            console.say("  First start: dropped sample inputs into %s:", inbox);
            Samples.DESCRIPTION.forEach(sample -> console.say("    %s", sample));
        }
        waiting = prompts(inbox);
    }

    private int summary() throws IOException {
        List<Path> all = videos(outbox);
        console.say("%d video(s) made, %d failed.%s", console.succeeded(), console.failed(),
                console.failed() > 0 ? " Errors are in " + failed : "");
        if (all.isEmpty()) {
            console.say("No videos in %s yet.", outbox);
        } else {
            console.say("Your videos are in %s:", outbox);
            all.forEach(video -> console.say("  %s", video));
        }
        return console.failed() > 0 ? 1 : 0;
    }

    /** A setting: test properties, then -D, then the environment (STUDIO_INBOX), then studio.properties. */
    private String setting(String name) {
        String value = properties.get(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        if (value == null) {
            value = env.get(name.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value != null ? value : defaults.getProperty(name);
    }

    private static int prompts(Path inbox) throws IOException {
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return (int) files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .map(n -> n.toLowerCase(Locale.ROOT))
                    .filter(n -> n.endsWith(".txt") || n.endsWith(".json")).count();
        }
    }

    static List<Path> videos(Path outbox) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> VIDEO_EXTENSIONS.stream().anyMatch(
                            e -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted().toList();
        }
    }
}
