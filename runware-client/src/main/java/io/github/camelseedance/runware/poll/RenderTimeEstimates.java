package io.github.camelseedance.runware.poll;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The render times observed per {@link RenderKey}, each key as a mean and spread that decay with time: an observation
 * weighs half as much as a new one after {@code halfLife}, so the estimate follows a provider that slows down or
 * speeds up, while the tasks of one burst (which finish in the order of their render times) weigh alike. At most
 * {@code maxKeys} keys are kept, the least recently used one forgotten first: memory stays bounded whatever the keys a
 * route sends. Thread-safe.
 */
public final class RenderTimeEstimates {

    /** The default largest number of keys kept. */
    public static final int DEFAULT_MAX_KEYS = 256;
    /** The default number of observations a key needs before its estimate is used. */
    public static final int DEFAULT_MIN_OBSERVATIONS = 5;
    /** The default time after which an observation weighs half as much as a new one. */
    public static final Duration DEFAULT_HALF_LIFE = Duration.ofMinutes(30);

    private final int maxKeys;
    private final int minObservations;
    private final double halfLifeNanos;
    private final LongSupplier nanoClock;
    private final Map<RenderKey, Stats> stats;

    /**
     * Keeps {@value #DEFAULT_MAX_KEYS} keys, each used after {@value #DEFAULT_MIN_OBSERVATIONS} observations, with a
     * half-life of {@link #DEFAULT_HALF_LIFE}.
     */
    public RenderTimeEstimates() {
        this(DEFAULT_MAX_KEYS, DEFAULT_MIN_OBSERVATIONS, DEFAULT_HALF_LIFE, System::nanoTime);
    }

    /**
     * @param maxKeys         the most keys kept (at least 1)
     * @param minObservations how many observations a key needs before its estimate is used (at least 1)
     * @param halfLife        the time after which an observation weighs half as much as a new one (positive)
     * @param nanoClock       the time of an observation, in {@link System#nanoTime()} terms
     */
    public RenderTimeEstimates(int maxKeys, int minObservations, Duration halfLife, LongSupplier nanoClock) {
        if (maxKeys < 1 || minObservations < 1 || halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("maxKeys and minObservations must be at least 1 and halfLife positive,"
                                               + " got " + maxKeys + ", " + minObservations + ", " + halfLife);
        }
        this.maxKeys = maxKeys;
        this.minObservations = minObservations;
        this.halfLifeNanos = halfLife.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.stats = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RenderKey, Stats> eldest) {
                return size() > RenderTimeEstimates.this.maxKeys;
            }
        };
    }

    /**
     * One key's estimate.
     *
     * @param mean         the decaying mean of the render times
     * @param spread       their decaying standard deviation
     * @param observations how many render times were observed (all of them, decayed or not)
     */
    public record Estimate(Duration mean, Duration spread, long observations) {
    }

    /**
     * Adds a render time.
     *
     * @param key        the task's key
     * @param renderTime from the submit's acknowledgement to the task's finish
     */
    public synchronized void observe(RenderKey key, Duration renderTime) {
        Objects.requireNonNull(key, "key");
        if (renderTime.isNegative()) {
            return;
        }
        stats.computeIfAbsent(key, k -> new Stats()).add(renderTime.toNanos(), nanoClock.getAsLong(), halfLifeNanos);
    }

    /**
     * @param  key a key
     * @return     its estimate once it has {@link #minObservations()} observations, empty before
     */
    public synchronized Optional<Estimate> estimate(RenderKey key) {
        Stats found = stats.get(key);
        return found == null || found.count < minObservations ? Optional.empty() : Optional.of(found.estimate());
    }

    /** @return every key's estimate, whatever its number of observations, least recently used first */
    public synchronized Map<RenderKey, Estimate> all() {
        Map<RenderKey, Estimate> all = new LinkedHashMap<>();
        stats.forEach((key, found) -> all.put(key, found.estimate()));
        return all;
    }

    /** @return the number of keys kept (at most {@link #maxKeys()}) */
    public synchronized int size() {
        return stats.size();
    }

    /** @return the most keys kept */
    public int maxKeys() {
        return maxKeys;
    }

    /** @return how many observations a key needs before its estimate is used */
    public int minObservations() {
        return minObservations;
    }

    /** A mean and variance weighted by age (West's incremental form), in nanoseconds. */
    private static final class Stats {
        long count;
        double mean;
        double variance;
        /** The sum of the observations' weights, a new one weighing 1. */
        double weights;
        long lastAt;

        void add(long nanos, long now, double halfLife) {
            weights = count == 0 ? 1 : weights * Math.pow(0.5, Math.max(0, now - lastAt) / halfLife) + 1;
            lastAt = now;
            count++;
            double weight = 1 / weights;
            double delta = nanos - mean;
            mean += weight * delta;
            variance = (1 - weight) * (variance + weight * delta * delta);
        }

        Estimate estimate() {
            return new Estimate(Duration.ofNanos(Math.round(mean)), Duration.ofNanos(Math.round(Math.sqrt(variance))),
                    count);
        }
    }
}
