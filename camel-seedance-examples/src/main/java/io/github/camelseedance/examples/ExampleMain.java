package io.github.camelseedance.examples;

import org.apache.camel.main.Main;

/**
 * Runs an example's Camel Main from the command line until it is stopped (Ctrl+C), and then ends the JVM, also when
 * the start failed: the in-process servers an example starts (simulator, broker, FTP, S3) must not keep the JVM
 * alive after Camel is gone.
 */
public final class ExampleMain {

    private ExampleMain() {
    }

    /** Runs {@code main}; exits 0 when it stopped normally, 1 with the cause when it failed. */
    public static void run(Main main, String[] args) {
        int exitCode = 0;
        try {
            main.run(args);
        } catch (Exception e) {
            System.err.println("The example stopped: " + causes(e));
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    private static String causes(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("\n  caused by ").append(cause.getClass().getSimpleName()).append(": ")
                    .append(cause.getMessage());
        }
        return text.toString();
    }
}
