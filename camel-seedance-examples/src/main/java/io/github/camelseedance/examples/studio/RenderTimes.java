package io.github.camelseedance.examples.studio;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How long a render takes, learnt from the renders this studio has seen: the mean of the last renders' seconds per
 * second of video, times the duration asked. Until a render has been seen, a first guess (the embedded simulator's
 * render time, or a minute for the real API).
 */
final class RenderTimes {

    /** How many recent renders the estimate averages. */
    static final int WINDOW = 20;

    private final Deque<Double> secondsPerVideoSecond = new ArrayDeque<>();
    private final Duration firstGuess;

    RenderTimes(Duration firstGuess) {
        this.firstGuess = firstGuess;
    }

    /** Records a render of {@code videoSeconds} seconds of video that took {@code took}. */
    synchronized void observed(int videoSeconds, Duration took) {
        if (videoSeconds <= 0 || took.isNegative()) {
            return;
        }
        secondsPerVideoSecond.addLast(took.toMillis() / 1000.0 / videoSeconds);
        if (secondsPerVideoSecond.size() > WINDOW) {
            secondsPerVideoSecond.removeFirst();
        }
    }

    /** The expected render time, in seconds, of {@code videoSeconds} seconds of video. */
    synchronized double estimate(int videoSeconds) {
        if (secondsPerVideoSecond.isEmpty()) {
            return firstGuess.toMillis() / 1000.0;
        }
        double mean = secondsPerVideoSecond.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return mean * Math.max(1, videoSeconds);
    }

    /** The renders the estimate rests on (0: the first guess). */
    synchronized int observations() {
        return secondsPerVideoSecond.size();
    }

    /**
     * Progress of a render started {@code elapsed} ago that is expected to take {@code estimateSeconds}: 0 to 0.99,
     * never 1 before it is done.
     */
    static double progress(Duration elapsed, double estimateSeconds) {
        if (estimateSeconds <= 0) {
            return 0.99;
        }
        return Math.min(0.99, Math.max(0, elapsed.toMillis() / 1000.0 / estimateSeconds));
    }
}
