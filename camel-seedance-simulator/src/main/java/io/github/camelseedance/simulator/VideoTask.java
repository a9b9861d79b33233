package io.github.camelseedance.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * The life of one accepted {@code videoInference} task: its results finish one by one over {@code renderNanos}
 * (result i of N at {@code renderNanos * (i + 1) / N}), or, for a task drawn to fail, it ends in error at
 * {@code renderNanos / N}. Thread-safe.
 */
final class VideoTask {

    static final String PROCESSING = "processing";
    static final String SUCCESS = "success";
    static final String ERROR = "error";

    private final ValidatedVideoTask request;
    private final long startNanos;
    private final long renderNanos;
    private final List<ResultDraw> draws;
    private final String failureCode;
    private final List<Map<String, Object>> results = new ArrayList<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private RunwareError failure;
    private Instant finishedAt;

    /** The random values of one result, drawn when the task is accepted. */
    record ResultDraw(String videoUUID, long seed) {
    }

    VideoTask(ValidatedVideoTask request, long startNanos, long renderNanos, List<ResultDraw> draws,
              String failureCode) {
        this.request = request;
        this.startNanos = startNanos;
        this.renderNanos = renderNanos;
        this.draws = List.copyOf(draws);
        this.failureCode = failureCode;
    }

    ValidatedVideoTask request() {
        return request;
    }

    String taskUUID() {
        return request.taskUUID();
    }

    /** The error code this task is bound to end with, or null when it succeeds. */
    String failureCode() {
        return failureCode;
    }

    /** Number of timer steps this task needs: one per result, or a single one when it fails. */
    int steps() {
        return failureCode == null ? request.numberResults() : 1;
    }

    /** Delay of step {@code index} after the start. */
    long stepDelayNanos(int index) {
        return renderNanos * (index + 1) / request.numberResults();
    }

    synchronized void addTimer(ScheduledFuture<?> timer) {
        timers.add(timer);
    }

    synchronized void cancelTimers() {
        timers.forEach(t -> t.cancel(false));
        timers.clear();
    }

    synchronized boolean finished() {
        return failure != null || results.size() == request.numberResults();
    }

    /** The draw for the next result to finish, or null when no result is pending. */
    synchronized ResultDraw nextDraw() {
        return finished() ? null : draws.get(results.size());
    }

    /** Adds the next finished result; ignored when the task already finished. */
    synchronized void addResult(Map<String, Object> item) {
        if (!finished()) {
            results.add(item);
            if (finished()) {
                finishedAt = Instant.now();
            }
        }
    }

    /** Ends the task in error; ignored when it already finished. */
    synchronized RunwareError fail() {
        if (finished()) {
            return null;
        }
        failure = RunwareError.of(failureCode, ErrorCodes.outcomeMessage(failureCode))
                .task("videoInference", taskUUID()).asTaskOutcome();
        finishedAt = Instant.now();
        return failure;
    }

    synchronized String state() {
        if (failure != null) {
            return ERROR;
        }
        return results.size() == request.numberResults() ? SUCCESS : PROCESSING;
    }

    synchronized int progress(long nowNanos) {
        if (SUCCESS.equals(state())) {
            return 100;
        }
        long elapsed = Math.max(0, nowNanos - startNanos);
        long byTime = renderNanos == 0 ? 99 : elapsed * 100 / renderNanos;
        long byResults = results.size() * 100L / request.numberResults();
        return (int) Math.min(99, Math.max(byTime, byResults));
    }

    /** The poll answer: the finished items, the processing item while running, or the error. */
    synchronized PollAnswer poll(long nowNanos) {
        List<Map<String, Object>> data = new ArrayList<>();
        results.forEach(r -> data.add(new LinkedHashMap<>(r)));
        if (PROCESSING.equals(state())) {
            Map<String, Object> processing = new LinkedHashMap<>();
            processing.put("taskType", "videoInference");
            processing.put("taskUUID", taskUUID());
            processing.put("status", PROCESSING);
            processing.put("progress", progress(nowNanos));
            data.add(processing);
        }
        return new PollAnswer(data, failure);
    }

    synchronized SimulatedTask snapshot(long nowNanos) {
        return new SimulatedTask(taskUUID(), request.model().id(), state(), progress(nowNanos), results.size(),
                request.numberResults(), request.cost(), failure == null ? null : failure.code(), finishedAt);
    }

    /** What a getResponse answers for this task. */
    record PollAnswer(List<Map<String, Object>> data, RunwareError error) {
    }
}
