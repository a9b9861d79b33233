package io.github.camelseedance.examples.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs every {@code studio.progressInterval}: prints a line for each render in progress (time so far, the estimated
 * time left from the renders observed), and registers the inputs lying in the inbox that are not picked up yet as
 * waiting.
 */
final class ProgressReport implements Processor {

    private final StudioConsole console;
    private final StudioJobs jobs;
    private final Path inbox;

    ProgressReport(StudioConsole console, StudioJobs jobs, Path inbox) {
        this.console = console;
        this.jobs = jobs;
        this.inbox = inbox;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Instant now = jobs.now();
        for (StudioJob job : jobs.all()) {
            if (job.state() == StudioJob.State.RENDERING && job.startedAt() != null && job.estimate() != null) {
                Duration elapsed = Duration.between(job.startedAt(), now);
                console.say("  %s: rendering, %s so far, %s (%d%%)", job.input(), seconds(elapsed),
                        left(elapsed, job.estimate()),
                        Math.round(RenderTimes.progress(elapsed, job.estimate()) * 100));
            }
        }
        if (Files.isDirectory(inbox)) {
            try (Stream<Path> files = Files.list(inbox)) {
                files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                        .filter(StudioApp::isInput)
                        // a file with a read lock is being picked up, or is done and about to move to .done
                        .filter(name -> !Files.exists(inbox.resolve(name + ".camelLock")))
                        .sorted()
                        .forEach(jobs::waiting);
            }
        }
    }

    static String left(Duration elapsed, double estimate) {
        double left = estimate - elapsed.toMillis() / 1000.0;
        return left > 0
                ? "about " + seconds(Duration.ofMillis(Math.round(left * 1000))) + " left"
                : "taking longer than the " + seconds(Duration.ofMillis(Math.round(estimate * 1000))) + " expected";
    }

    static String seconds(Duration duration) {
        long s = Math.max(0, Math.round(duration.toMillis() / 1000.0));
        return s < 120 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}
