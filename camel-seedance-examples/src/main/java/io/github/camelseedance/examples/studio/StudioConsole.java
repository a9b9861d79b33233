package io.github.camelseedance.examples.studio;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the studio tells its user: plain lines on standard output (logging stays quiet), and the count of handled
 * inputs, so that {@code --once} can stop when everything that was waiting in the inbox is done.
 */
public final class StudioConsole {

    private final PrintStream out;
    private final AtomicInteger videos = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger putBack = new AtomicInteger();
    private final List<Path> written = Collections.synchronizedList(new ArrayList<>());
    private volatile int stopAfter = -1;
    private volatile Runnable onAllDone;

    public StudioConsole(PrintStream out) {
        this.out = out;
    }

    /** Prints one line. */
    public void say(String format, Object... args) {
        out.println(args.length == 0 ? format : String.format(format, args));
        out.flush();
    }

    /** Calls {@code action} once {@code inputs} inputs have been handled (successfully or not). */
    void stopAfter(int inputs, Runnable action) {
        this.onAllDone = action;
        this.stopAfter = inputs;
        checkDone();
    }

    void videoWritten(Path video) {
        written.add(video);
    }

    void inputSucceeded() {
        videos.incrementAndGet();
        checkDone();
    }

    void inputFailed() {
        failures.incrementAndGet();
        checkDone();
    }

    void inputPutBack() {
        putBack.incrementAndGet();
        checkDone();
    }

    /** Inputs that became videos. */
    public int succeeded() {
        return videos.get();
    }

    /** Inputs that failed. */
    public int failed() {
        return failures.get();
    }

    /** Times an input could not be sent (Runware unreachable) and was left in the inbox. */
    public int putBack() {
        return putBack.get();
    }

    /** Every video file written so far. */
    public List<Path> videosWritten() {
        synchronized (written) {
            return List.copyOf(written);
        }
    }

    private void checkDone() {
        Runnable action = onAllDone;
        if (action != null && stopAfter >= 0 && videos.get() + failures.get() + putBack.get() >= stopAfter) {
            onAllDone = null;
            action.run();
        }
    }
}
