package io.github.camelseedance.seedance.monitor;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A task this instance waits for, as the monitor sees it: what was asked, its price, when it was submitted, its
 * state and how many results are in. The state fields are updated by the poll loop and the webhook receiver.
 */
public final class ActiveTask {

    private final String taskUUID;
    private final String model;
    private final String resolution;
    private final String size;
    private final int duration;
    private final int results;
    private final BigDecimal price;
    private final String owner;
    private final Instant submittedAt;
    private final long submittedNanos;
    private volatile String state = "processing";
    private volatile int resultsDone;
    private volatile Integer progress;
    private volatile long doneNanos;

    ActiveTask(String taskUUID, String model, String resolution, String size, int duration, int results,
               BigDecimal price, String owner, Instant submittedAt, long submittedNanos) {
        this.taskUUID = taskUUID;
        this.model = model;
        this.resolution = resolution;
        this.size = size;
        this.duration = duration;
        this.results = results;
        this.price = price;
        this.owner = owner;
        this.submittedAt = submittedAt;
        this.submittedNanos = submittedNanos;
    }

    /** @return the task's UUID */
    public String taskUUID() {
        return taskUUID;
    }

    /** @return the model */
    public String model() {
        return model;
    }

    /** @return the resolution (480p, 720p, ...), {@code null} when the size belongs to none */
    public String resolution() {
        return resolution;
    }

    /** @return the size as WIDTHxHEIGHT, or the resolution of a task sized by its frame images */
    public String size() {
        return size;
    }

    /** @return the video's length in seconds */
    public int duration() {
        return duration;
    }

    /** @return how many results were asked for */
    public int results() {
        return results;
    }

    /** @return the price reckoned before the submit, USD; {@code null} when none could be reckoned */
    public BigDecimal price() {
        return price;
    }

    /** @return the instance waiting for the task */
    public String owner() {
        return owner;
    }

    /** @return when the task was submitted */
    public Instant submittedAt() {
        return submittedAt;
    }

    /** @return the last state reported: processing, success, error */
    public String state() {
        return state;
    }

    /** @return how many results are in */
    public int resultsDone() {
        return resultsDone;
    }

    /** @return the progress Runware reported, 0 to 100, {@code null} (as for video, usually) when none */
    public Integer progress() {
        return progress;
    }

    /**
     * @param  nowNanos {@link System#nanoTime()}
     * @return          how long the task has been rendering (until it was done, once it is)
     */
    public Duration age(long nowNanos) {
        long end = doneNanos != 0 ? doneNanos : nowNanos;
        return Duration.ofNanos(end - submittedNanos);
    }

    long submittedNanos() {
        return submittedNanos;
    }

    long doneNanos() {
        return doneNanos;
    }

    void update(String state, int resultsDone, Integer progress) {
        this.state = state;
        this.resultsDone = resultsDone;
        this.progress = progress;
    }

    void done(String state, long nanos) {
        this.state = state;
        this.doneNanos = nanos;
    }
}
