package io.github.camelseedance.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;

/**
 * The life of one accepted {@code videoInference} task. Its N results finish one by one over {@code renderNanos}
 * (result i at {@code renderNanos * (i + 1) / N}), each in {@code success} or, when drawn to fail, in {@code error}
 * while its siblings go on. A task drawn to fail as a whole ends in error at {@code renderNanos / N} without any
 * result. Finished, it stays visible to getResponse for its {@code ttl} and to getTaskDetails for the retention.
 * Thread-safe.
 */
final class VideoTask {

    static final String PROCESSING = "processing";
    static final String SUCCESS = "success";
    static final String ERROR = "error";

    private final ValidatedVideoTask request;
    private final Map<String, Object> original;
    private final long startNanos;
    private final long renderNanos;
    private final List<ResultDraw> draws;
    private final String taskFailureCode;
    private final Map<String, Object>[] successes;
    private final RunwareError[] failures;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private int finishedResults;
    private int succeeded;
    private RunwareError taskFailure;
    private Instant finishedAt;
    private long finishedNanos;
    private int polls;
    private boolean forgottenByGetResponse;

    /**
     * The random values of one result, drawn when the task is accepted.
     *
     * @param failureCode the code this result fails with, null when it succeeds
     * @param notReady    whether the first GET of its video answers 422
     */
    record ResultDraw(String videoUUID, long seed, String failureCode, boolean notReady) {
    }

    @SuppressWarnings("unchecked")
    VideoTask(ValidatedVideoTask request, Map<String, Object> original, long startNanos, long renderNanos,
              List<ResultDraw> draws, String taskFailureCode) {
        this.request = request;
        this.original = original;
        this.startNanos = startNanos;
        this.renderNanos = renderNanos;
        this.draws = List.copyOf(draws);
        this.taskFailureCode = taskFailureCode;
        this.successes = new Map[request.numberResults()];
        this.failures = new RunwareError[request.numberResults()];
    }

    ValidatedVideoTask request() {
        return request;
    }

    String taskUUID() {
        return request.taskUUID();
    }

    /** Whether the whole task is bound to fail (rather than result by result). */
    boolean failsAsAWhole() {
        return taskFailureCode != null;
    }

    /** Number of timer steps this task needs: one per result, or a single one when it fails as a whole. */
    int steps() {
        return failsAsAWhole() ? 1 : request.numberResults();
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
        return taskFailure != null || finishedResults == request.numberResults();
    }

    /** The index of the next result to finish; only meaningful while not {@link #finished()}. */
    synchronized int nextIndex() {
        return finishedResults;
    }

    /** The draw for the next result to finish, or null when no result is pending. */
    synchronized ResultDraw nextDraw() {
        return finished() ? null : draws.get(finishedResults);
    }

    /** Adds the next result as a success; ignored when the task already finished. */
    synchronized void succeed(Map<String, Object> item) {
        if (!finished()) {
            successes[finishedResults++] = item;
            succeeded++;
            markIfFinished();
        }
    }

    /** Ends the next result in error with its drawn code; null when the task already finished. */
    synchronized RunwareError failResult() {
        if (finished()) {
            return null;
        }
        int index = finishedResults;
        String code = draws.get(index).failureCode();
        RunwareError error = RunwareError.of(code, ErrorCodes.outcomeMessage(code) + " (result " + (index + 1)
                                                   + " of " + request.numberResults() + ")")
                .task("videoInference", taskUUID()).asTaskOutcome();
        failures[index] = error;
        finishedResults++;
        markIfFinished();
        return error;
    }

    /** Ends the whole task in error; null when it already finished. Every result not yet finished counts as failed. */
    synchronized RunwareError failTask() {
        if (finished()) {
            return null;
        }
        taskFailure = RunwareError.of(taskFailureCode, ErrorCodes.outcomeMessage(taskFailureCode))
                .task("videoInference", taskUUID()).asTaskOutcome();
        markFinished();
        return taskFailure;
    }

    /** Results that ended in error (those a whole-task failure took along included). */
    synchronized int failedResults() {
        if (taskFailure != null) {
            return request.numberResults() - succeeded;
        }
        return finishedResults - succeeded;
    }

    private void markIfFinished() {
        if (finishedResults == request.numberResults()) {
            markFinished();
        }
    }

    private void markFinished() {
        finishedAt = Instant.now();
        finishedNanos = System.nanoTime();
    }

    /** Processing until every result is final; then success when at least one result succeeded, else error. */
    synchronized String state() {
        if (!finished()) {
            return PROCESSING;
        }
        return succeeded > 0 ? SUCCESS : ERROR;
    }

    synchronized int progress(long nowNanos) {
        if (finished()) {
            return 100;
        }
        long elapsed = Math.max(0, nowNanos - startNanos);
        long byTime = renderNanos == 0 ? 99 : elapsed * 100 / renderNanos;
        long byResults = finishedResults * 100L / request.numberResults();
        return (int) Math.min(99, Math.max(byTime, byResults));
    }

    /** Whether getResponse still knows this task: until its ttl has passed after it finished. */
    synchronized boolean pollableAt(long nowNanos) {
        return !forgottenByGetResponse && (!finished() || nowNanos - finishedNanos < request.ttl().toNanos());
    }

    /** getResponse forgets this task now, as if its ttl had passed; getTaskDetails keeps it for the retention. */
    synchronized void forgetForGetResponse() {
        forgottenByGetResponse = true;
    }

    /** Whether getTaskDetails still knows this task: until the retention has passed after it finished. */
    synchronized boolean detailedAt(long nowNanos, long retentionNanos) {
        return !finished() || nowNanos - finishedNanos < retentionNanos;
    }

    /**
     * The getResponse answer: one item per result (processing, success, or a result error in the configured
     * form), a whole-task failure as one error; in an order drawn from the seed when shuffling is on.
     */
    synchronized PollAnswer poll(long nowNanos, ProtocolSettings settings) {
        PollAnswer answer = state(nowNanos, settings);
        if (settings.shuffleResults()) {
            Collections.shuffle(answer.data(), new Random(settings.seed() ^ ((long) taskUUID().hashCode() << 20)
                                                          ^ polls));
        }
        polls++;
        return answer;
    }

    /** The getTaskDetails item: the task as it was sent and its (current or final) response, results in order. */
    synchronized Map<String, Object> details(long nowNanos, ProtocolSettings settings) {
        PollAnswer state = state(nowNanos, settings);
        Map<String, Object> response = new LinkedHashMap<>();
        if (!state.data().isEmpty() || state.errors().isEmpty()) {
            response.put("data", state.data());
        }
        if (!state.errors().isEmpty()) {
            response.put("errors", state.errors().stream().map(RunwareError::toJson).toList());
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("taskType", "getTaskDetails");
        item.put("taskUUID", taskUUID());
        item.put("request", List.of(original));
        item.put("response", response);
        return item;
    }

    private PollAnswer state(long nowNanos, ProtocolSettings settings) {
        List<Map<String, Object>> data = new ArrayList<>();
        List<RunwareError> errors = new ArrayList<>();
        for (int i = 0; i < request.numberResults(); i++) {
            Integer index = settings.resultIndex() ? i : null;
            if (successes[i] != null) {
                Map<String, Object> item = new LinkedHashMap<>(successes[i]);
                if (index != null) {
                    item.put("resultIndex", index);
                }
                data.add(item);
            } else if (failures[i] != null) {
                if (settings.resultErrorForm() == ResultErrorForm.DATA_ITEM) {
                    data.add(errorItem(failures[i], index));
                } else {
                    errors.add(failures[i].resultIndex(index));
                }
            } else if (taskFailure == null) {
                data.add(processingItem(nowNanos, settings, index));
            }
        }
        if (taskFailure != null) {
            errors.add(taskFailure);
        }
        return new PollAnswer(data, errors);
    }

    private Map<String, Object> processingItem(long nowNanos, ProtocolSettings settings, Integer index) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (settings.processingTaskType()) {
            item.put("taskType", "videoInference");
        }
        item.put("taskUUID", taskUUID());
        item.put("status", PROCESSING);
        if (settings.progress()) {
            item.put("progress", progress(nowNanos));
        }
        if (index != null) {
            item.put("resultIndex", index);
        }
        return item;
    }

    /** A failed result as a {@code data} item with the error embedded. */
    static Map<String, Object> errorItem(RunwareError error, Integer index) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("taskType", error.taskType());
        item.put("taskUUID", error.taskUUID());
        item.put("status", ERROR);
        if (index != null) {
            item.put("resultIndex", index);
        }
        item.put("error", RunwareError.of(error.code(), error.message()).withoutTask());
        return item;
    }

    synchronized SimulatedTask snapshot(long nowNanos) {
        return new SimulatedTask(taskUUID(), request.model().id(), state(), progress(nowNanos), succeeded,
                failedResults(), request.numberResults(), request.cost(),
                request.costPerResult().multiply(java.math.BigDecimal.valueOf(succeeded)), errorCode(), finishedAt);
    }

    private String errorCode() {
        if (taskFailure != null) {
            return taskFailure.code();
        }
        for (RunwareError failure : failures) {
            if (failure != null) {
                return failure.code();
            }
        }
        return null;
    }

    /** What a getResponse answers for this task: its data items and its errors. */
    record PollAnswer(List<Map<String, Object>> data, List<RunwareError> errors) {
    }
}
