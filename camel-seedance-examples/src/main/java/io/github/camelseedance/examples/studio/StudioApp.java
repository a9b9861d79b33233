package io.github.camelseedance.examples.studio;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.CamelContext;
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
    private StudioJobs jobs;
    private SpendLedger spend;
    private Backend backend;
    private String pageAddress;
    private List<StudioJob> abandoned = List.of();

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

    /** Stops a studio started with {@link #start()} as Ctrl+C does: prints the summary; the exit code. */
    public int stop() throws IOException {
        close();
        return summary();
    }

    @Override
    public void close() {
        if (jobs != null && abandoned.isEmpty()) {
            abandoned = jobs.abandonActive();
        }
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

    /** The queue of inputs (null before start). */
    public StudioJobs jobs() {
        return jobs;
    }

    /** The studio's Camel context (null before start). */
    CamelContext camelContext() {
        return main == null ? null : main.getCamelContext();
    }

    /** The page's address, or null when there is no page. */
    public String pageAddress() {
        return pageAddress;
    }

    private void prepare() throws IOException {
        Path base = options.directory().toAbsolutePath().normalize();
        inbox = base.resolve(setting("studio.inbox")).normalize();
        outbox = base.resolve(setting("studio.outbox")).normalize();
        failed = base.resolve(setting("studio.failed")).normalize();
        boolean firstStart = prompts(inbox) == 0 && videos(outbox).isEmpty();
        console.say("Seedance studio");

        Path state = base.resolve(setting("studio.state")).normalize();
        main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:studio.properties;optional=true");
        main.addOverrideProperty("studio.inbox", inbox.toString());
        main.addOverrideProperty("studio.outbox", outbox.toString());
        main.addOverrideProperty("studio.failed", failed.toString());
        // a render still running when the studio stops is resumed on the next start, not submitted again
        main.addOverrideProperty("camel.component.seedance.task-store-file",
                state.resolve("seedance-tasks.dat").toString());
        String apiKey = env.get(API_KEY_ENV);
        if (apiKey == null || apiKey.isBlank()) {
            simulator = RunwareSimulator.builder().renderTime(options.renderTime()).build().start();
            main.addOverrideProperty("camel.component.seedance.configuration.api-key", simulator.apiKey());
            main.addOverrideProperty("camel.component.seedance.configuration.base-url", simulator.baseUrl());
            main.addOverrideProperty("camel.component.seedance.configuration.initial-poll-delay", "1000");
            main.addOverrideProperty("camel.component.seedance.configuration.poll-interval", "1000");
            main.addOverrideProperty("camel.component.seedance.configuration.max-poll-interval", "2000");
            backend = Backend.embedded(simulator.baseUrl());
            console.say("  backend: no %s set, so the embedded Runware simulator at %s", API_KEY_ENV,
                    simulator.baseUrl());
            console.say("           (simulated videos that show your prompt; nothing is billed)");
        } else {
            main.addOverrideProperty("camel.component.seedance.configuration.api-key", apiKey);
            String baseUrl = env.get(BASE_URL_ENV);
            if (baseUrl != null && !baseUrl.isBlank()) {
                main.addOverrideProperty("camel.component.seedance.configuration.base-url", baseUrl);
            }
            backend = Backend.of(baseUrl);
            if (backend.local()) {
                console.say("  backend: the Runware API of a local server at %s (%s points there: a simulator or a"
                            + " proxy on this machine, not api.runware.ai; Runware bills nothing for it)",
                        backend.baseUrl(), BASE_URL_ENV);
            } else {
                console.say("  backend: the Runware API at %s (%s is set: videos are billed)", backend.baseUrl(),
                        API_KEY_ENV);
            }
        }
        Clock clock = Clock.systemDefaultZone();
        jobs = new StudioJobs(new RenderTimes(firstRenderGuess()), clock);
        spend = new SpendLedger(state.resolve("spend.jsonl"), clock);
        properties.forEach(main::addOverrideProperty);
        main.configure().addRoutesBuilder(new StudioRoutes(console, jobs, spend, backend.sidecarName(),
                backend.baseUrl()));

        console.say("  inbox:   %s  (.txt prompt, .json request, cat.png + cat.txt = image-to-video)", inbox);
        console.say("  outbox:  %s  (videos and their .json sidecars)", outbox);
        console.say("  failed:  %s  (the error of each failed input)", failed);
        if (options.servesPage()) {
            int port = StudioPage.port(options.port(), console);
            String host = setting("studio.webHost");
            main.addOverrideProperty("camel.server.enabled", "true");
            main.addOverrideProperty("camel.server.host", host);
            main.addOverrideProperty("camel.server.port", String.valueOf(port));
            // the page sends raw PUT bodies and multipart is refused: no folder for Vert.x's file uploads, which it
            // would make in java.io.tmpdir/camel at every start and never remove
            main.addOverrideProperty("camel.server.file-upload-enabled", "false");
            main.configure().addRoutesBuilder(new StudioPage(jobs, spend, backend, inbox, outbox));
            pageAddress = "http://" + ("0.0.0.0".equals(host) || "127.0.0.1".equals(host) ? "localhost" : host)
                          + ":" + port + "/";
            console.say("  page:    %s  (the studio in your browser)", pageAddress);
        }
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
        if (!abandoned.isEmpty()) {
            console.say("Stopped before %d input(s) were done; they stay in %s and are finished on the next start"
                        + " (a render already sent is resumed, not billed again):",
                    abandoned.size(), inbox);
            abandoned.forEach(job -> console.say("  %s (%s%s)", job.input(),
                    job.state() == StudioJob.State.RENDERING ? "rendering" : "not sent yet",
                    job.taskUUID() == null ? "" : ", task " + job.taskUUID()));
        }
        if (all.isEmpty()) {
            console.say("No videos in %s yet.", outbox);
        } else {
            console.say("Your videos are in %s:", outbox);
            all.forEach(video -> console.say("  %s", video));
        }
        boolean unfinished = console.putBack() > 0 || !abandoned.isEmpty();
        return console.failed() > 0 || options.once() && unfinished ? 1 : 0;
    }

    /** The first render-time estimate, before any render was seen. */
    private Duration firstRenderGuess() {
        return simulator != null ? options.renderTime() : Duration.ofSeconds(60);
    }

    /** Whether an inbox file name is an input the studio takes (a prompt or a request, not hidden). */
    static boolean isInput(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".txt") || name.endsWith(".json"));
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
                    .filter(StudioApp::isInput).count();
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
