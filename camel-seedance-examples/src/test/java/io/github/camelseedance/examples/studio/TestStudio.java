package io.github.camelseedance.examples.studio;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A studio for a test: fast scans and polls, its output captured; closed by the test. */
final class TestStudio implements AutoCloseable {

    /** The settings that make a test studio quick. */
    static final Map<String, String> FAST = Map.of("studio.pollDelay", "100", "studio.readLockCheckInterval", "100",
            "studio.unreachableDelay", "100",
            "camel.component.seedance.configuration.initial-poll-delay", "100",
            "camel.component.seedance.configuration.poll-interval", "100",
            "camel.component.seedance.configuration.max-poll-interval", "200");

    final StudioApp app;
    private final ByteArrayOutputStream printed;

    private TestStudio(StudioApp app, ByteArrayOutputStream printed) {
        this.app = app;
        this.printed = printed;
    }

    /** Starts a studio with {@code options}, the environment {@code env} and settings on top of {@link #FAST}. */
    static TestStudio start(StudioOptions options, Map<String, String> env, Map<String, String> settings)
            throws Exception {
        Map<String, String> all = new LinkedHashMap<>(FAST);
        all.putAll(settings);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StudioApp app = new StudioApp(options, env, all, new PrintStream(printed, true, StandardCharsets.UTF_8));
        TestStudio studio = new TestStudio(app, printed);
        try {
            app.start();
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
        return studio;
    }

    /** Everything the studio printed so far. */
    String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        app.close();
    }
}
