package io.github.camelseedance.examples.studio;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The studio's command line.
 *
 * @param once       stop when the inputs waiting at start (the samples on first start) are done
 * @param directory  where inbox/, outbox/ and failed/ are (default: the working directory)
 * @param samples    true: drop the samples; false: never; null: on first start only
 * @param renderTime render time of the embedded simulator
 * @param web        serve the studio's page (not with {@code once})
 * @param port       the page's port (0: any free port)
 * @param help       print the usage
 */
public record StudioOptions(boolean once, Path directory, Boolean samples, Duration renderTime, boolean web, int port,
                            boolean help) {

    /** The page's port unless {@code --port} says otherwise. */
    public static final int DEFAULT_PORT = 8080;

    static final String USAGE = """
            Usage: java -jar camel-seedance-examples/target/camel-seedance-studio.jar [options]

            Watches inbox/ and turns what is dropped there into videos in outbox/:
              cat.txt              a prompt
              cat.json             a whole request: {"positivePrompt": "...", "duration": 8, "aspectRatio": "9:16"}
              cat.png + cat.txt    image-to-video, the image is the first frame (also .jpg, .jpeg, .webp)
            Each video gets a sidecar outbox/cat.json (task UUID, seed, cost, prompt, options); failures go to
            failed/cat.txt.error.txt; inputs move to inbox/.done/. Its page, on http://localhost:8080/, does the
            same from a browser: drop files or type a prompt (priced first), and watch the queue render.

            With RUNWARE_API_KEY set it uses the Runware API (billed!); without, an embedded simulator.

            Options:
              --once               stop when the inputs waiting at start (the samples on first start) are done
              --dir DIR            where inbox/, outbox/ and failed/ are (default: the working directory)
              --samples            drop the sample prompts into inbox/ (default: on first start only)
              --no-samples         never drop the sample prompts
              --render-time DUR    render time of the embedded simulator, e.g. 500ms, 3s (default 3s)
              --port N             the studio's page on http://localhost:N (default 8080)
              --no-web             no page: only the inbox and outbox folders (always so with --once)
              -h, --help           print this help

            Settings (-Dname=value or the environment variable STUDIO_DURATION=8 ...): studio.resolution (480p),
            studio.aspectRatio (16:9), studio.duration (5), studio.inbox, studio.outbox, studio.failed.
            """;

    /** The defaults: watch the working directory, samples on first start, 3 s renders. */
    public static StudioOptions defaults() {
        return new StudioOptions(false, Path.of(""), null, Duration.ofSeconds(3), true, DEFAULT_PORT, false);
    }

    /** Parses the flags; throws IllegalArgumentException naming a bad one. */
    public static StudioOptions parse(String... args) {
        boolean once = false;
        boolean help = false;
        Path directory = Path.of("");
        Boolean samples = null;
        Duration renderTime = Duration.ofSeconds(3);
        boolean web = true;
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--once" -> once = true;
                case "--samples" -> samples = Boolean.TRUE;
                case "--no-samples" -> samples = Boolean.FALSE;
                case "-h", "--help" -> help = true;
                case "--dir" -> directory = Path.of(value(args, ++i, arg));
                case "--render-time" -> renderTime = duration(value(args, ++i, arg));
                case "--no-web" -> web = false;
                case "--port" -> port = port(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new StudioOptions(once, directory, samples, renderTime, web, port, help);
    }

    /** Whether the page is served: not with {@code --once} (a batch run), nor with {@code --no-web}. */
    public boolean servesPage() {
        return web && !once;
    }

    public StudioOptions withOnce(boolean value) {
        return new StudioOptions(value, directory, samples, renderTime, web, port, help);
    }

    public StudioOptions withDirectory(Path value) {
        return new StudioOptions(once, value, samples, renderTime, web, port, help);
    }

    public StudioOptions withSamples(Boolean value) {
        return new StudioOptions(once, directory, value, renderTime, web, port, help);
    }

    public StudioOptions withRenderTime(Duration value) {
        return new StudioOptions(once, directory, samples, value, web, port, help);
    }

    public StudioOptions withWeb(boolean value) {
        return new StudioOptions(once, directory, samples, renderTime, value, port, help);
    }

    public StudioOptions withPort(int value) {
        return new StudioOptions(once, directory, samples, renderTime, web, value, help);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--port must be a port number from 0 (any free port) to 65535, not "
                                           + text);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException("missing value for " + flag);
        }
        return args[index];
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + text + " (use 500ms or 3s)");
        }
    }
}
