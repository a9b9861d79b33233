package io.github.camelseedance.seedance.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The render times (submit to done) this instance observed, per model, resolution and video duration, as a moving
 * average that follows the recent ones ({@value #WEIGHT} of each new observation). They estimate how long a task
 * still needs: the average of the same model, resolution and duration; else that of the nearest duration of the same
 * model and resolution, scaled to the task's duration; else nothing.
 */
public final class RenderTimes {

    /** The weight of a new observation in the moving average. */
    static final double WEIGHT = 0.3;

    private final Map<Key, Average> averages = new ConcurrentHashMap<>();

    /**
     * Adds a render time.
     *
     * @param model      the model
     * @param resolution the resolution (may be {@code null} when unknown)
     * @param duration   the video's length in seconds
     * @param renderTime how long the task took from submit to done
     */
    public void observe(String model, String resolution, int duration, Duration renderTime) {
        averages.computeIfAbsent(new Key(model, resolution, duration), k -> new Average()).add(renderTime.toMillis());
    }

    /**
     * The expected render time of a task.
     *
     * @return the estimate, empty when nothing comparable was observed
     */
    public Optional<Duration> expected(String model, String resolution, int duration) {
        Average exact = averages.get(new Key(model, resolution, duration));
        if (exact != null) {
            return Optional.of(Duration.ofMillis(exact.millis()));
        }
        Key nearest = null;
        for (Key key : averages.keySet()) {
            if (key.model.equals(model) && Objects.equals(key.resolution, resolution)
                && (nearest == null || Math.abs(key.duration - duration) < Math.abs(nearest.duration - duration))) {
                nearest = key;
            }
        }
        if (nearest == null || nearest.duration <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(averages.get(nearest).millis() * duration / nearest.duration));
    }

    /**
     * The time a task still needs, by its expected render time.
     *
     * @param  elapsed how long the task has rendered so far
     * @return         the expected render time less the elapsed time (zero when overdue), empty without an estimate
     */
    public Optional<Duration> remaining(String model, String resolution, int duration, Duration elapsed) {
        return expected(model, resolution, duration).map(expected -> {
            Duration left = expected.minus(elapsed);
            return left.isNegative() ? Duration.ZERO : left;
        });
    }

    /**
     * One average, for operators.
     *
     * @param model      the model
     * @param resolution the resolution, {@code null} when unknown
     * @param duration   the video's length in seconds
     * @param average    the moving average of the render times observed
     */
    public record Observed(String model, String resolution, int duration, Duration average) {
    }

    /** @return every average, by model, resolution and duration */
    public List<Observed> observed() {
        List<Observed> observed = new ArrayList<>();
        averages.forEach((key, average) -> observed.add(new Observed(key.model, key.resolution, key.duration,
                Duration.ofMillis(average.millis()))));
        observed.sort(Comparator.comparing(Observed::model).thenComparing(Observed::resolution,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparingInt(Observed::duration));
        return observed;
    }

    private record Key(String model, String resolution, int duration) {
    }

    private static final class Average {
        private double millis = -1;

        synchronized void add(long observed) {
            millis = millis < 0 ? observed : millis + WEIGHT * (observed - millis);
        }

        synchronized long millis() {
            return Math.round(millis);
        }
    }
}
