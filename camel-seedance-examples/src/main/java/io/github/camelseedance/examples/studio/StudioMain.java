package io.github.camelseedance.examples.studio;

import java.util.Map;

/**
 * Entry point of the runnable studio jar:
 * {@code java -jar camel-seedance-examples/target/camel-seedance-studio.jar [--once]} ({@code --help} for more).
 */
public final class StudioMain {

    /** The simulator logs through java.util.logging; kept here so that its level sticks. */
    private static final java.util.logging.Logger SIMULATOR_LOG = java.util.logging.Logger
            .getLogger("io.github.camelseedance.simulator");

    private StudioMain() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-studio.xml");
        }
        SIMULATOR_LOG.setLevel(java.util.logging.Level.WARNING);
        StudioOptions options;
        try {
            options = StudioOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(StudioOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(StudioOptions.USAGE);
            return;
        }
        int exitCode = new StudioApp(options, System.getenv(), Map.of(), System.out).run();
        System.exit(exitCode);
    }
}
