package io.github.camelseedance.simulator;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the simulator received and sent, for assertions. Thread-safe.
 *
 * <p>The lists keep the most recent {@code limit} entries each (see {@link RunwareSimulator.Builder#journalLimit});
 * the counters are exact whatever the limit. They are meant as the oracle of client tests: what was billed
 * ({@link #billedTasks}, {@link #billedResults}, {@link #billedUsd}), how often a task was sent
 * ({@link #submissions}, {@link #conflicts}), how it was polled ({@link #getResponseRequests},
 * {@link #getResponseBatchSizes}, {@link #unansweredGetResponses}, {@link #taskDetailsCalls}) and downloaded
 * ({@link #mediaDownloads}, {@link #notReadyAnswers}).
 */
public final class RequestJournal {

    private final int limit;
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private final Deque<WebhookCall> webhookCalls = new ArrayDeque<>();
    private final Deque<UploadCall> uploadCalls = new ArrayDeque<>();
    private final Map<String, AtomicInteger> taskTypeCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> submissionCounts = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> getResponseBatches = new ConcurrentHashMap<>();
    private final LongAdder billed = new LongAdder();
    private final LongAdder billedResults = new LongAdder();
    private final LongAdder failedResults = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder downloads = new LongAdder();
    private final LongAdder notReady = new LongAdder();
    private final LongAdder getResponseRequests = new LongAdder();
    private final LongAdder unansweredGetResponses = new LongAdder();
    private final LongAdder taskDetails = new LongAdder();
    private BigDecimal billedUsd = BigDecimal.ZERO;

    RequestJournal(int limit) {
        this.limit = limit;
    }

    /** Every HTTP request the simulator received (API and media), in the order they were answered. */
    public List<RecordedRequest> all() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The {@code POST /v1} requests only. */
    public List<RecordedRequest> apiRequests() {
        return all().stream().filter(r -> "POST".equals(r.method()) && "/v1".equals(r.path())).toList();
    }

    /** Number of task objects of that {@code taskType} received, accepted or not, whatever happened to the request. */
    public int count(String taskType) {
        AtomicInteger n = taskTypeCounts.get(taskType);
        return n == null ? 0 : n.get();
    }

    /** The task objects of that {@code taskType} received, as parsed JSON (nested Maps/Lists). */
    public List<Map<String, Object>> tasks(String taskType) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (RecordedRequest request : apiRequests()) {
            request.tasks().stream().filter(t -> taskType.equals(t.get("taskType"))).forEach(tasks::add);
        }
        return tasks;
    }

    /**
     * Number of processed {@code videoInference} submits carrying that taskUUID, accepted or not; dry runs and
     * requests a fault refused before processing are excluded.
     */
    public int submissions(String taskUUID) {
        AtomicInteger n = submissionCounts.get(taskUUID);
        return n == null ? 0 : n.get();
    }

    /**
     * Number of accepted {@code videoInference} tasks (dry runs excluded): each is a task Runware runs and bills
     * for every result that succeeds. Counted when the submit is accepted.
     */
    public int billedTasks() {
        return billed.intValue();
    }

    /** Number of results that succeeded, each billed at the task's price per result. */
    public int billedResults() {
        return billedResults.intValue();
    }

    /** Number of results that ended in error (those of tasks that failed as a whole included); not billed. */
    public int failedResults() {
        return failedResults.intValue();
    }

    /** What the succeeded results cost in all, USD. */
    public synchronized BigDecimal billedUsd() {
        return billedUsd;
    }

    /** Number of submits answered {@code conflictTaskUUID} (their taskUUID was in use already). */
    public int conflicts() {
        return conflicts.intValue();
    }

    /** Number of processed API requests that carried at least one {@code getResponse} task. */
    public int getResponseRequests() {
        return getResponseRequests.intValue();
    }

    /**
     * How many taskUUIDs the getResponse requests carried: number of getResponse tasks in one request to the
     * number of processed requests that carried that many, ascending.
     */
    public Map<Integer, Integer> getResponseBatchSizes() {
        Map<Integer, Integer> sizes = new TreeMap<>();
        getResponseBatches.forEach((size, requests) -> sizes.put(size, requests.get()));
        return sizes;
    }

    /**
     * Number of getResponse tasks that got neither data nor an error ({@link GetResponseBatching#FIRST_ONLY}) or
     * whose request was refused ({@link GetResponseBatching#REJECT}).
     */
    public int unansweredGetResponses() {
        return unansweredGetResponses.intValue();
    }

    /** Number of {@code getTaskDetails} tasks processed, whatever they answered. */
    public int taskDetailsCalls() {
        return taskDetails.intValue();
    }

    /** Number of GET requests for served media ({@code /media/...}), whatever they answered. */
    public int mediaDownloads() {
        return downloads.intValue();
    }

    /** Number of video GETs answered HTTP 422 (still being written, see {@link FaultPlan#notReadyOnFirstGetRate}). */
    public int notReadyAnswers() {
        return notReady.intValue();
    }

    /** Every outgoing webhook POST attempt, in order. */
    public List<WebhookCall> webhookCalls() {
        synchronized (webhookCalls) {
            return List.copyOf(webhookCalls);
        }
    }

    /** Every outgoing {@code uploadEndpoint} PUT attempt, in order. */
    public List<UploadCall> uploadCalls() {
        synchronized (uploadCalls) {
            return List.copyOf(uploadCalls);
        }
    }

    /** Forgets every entry and resets every counter. */
    public void clear() {
        synchronized (requests) {
            requests.clear();
        }
        synchronized (webhookCalls) {
            webhookCalls.clear();
        }
        synchronized (uploadCalls) {
            uploadCalls.clear();
        }
        taskTypeCounts.clear();
        submissionCounts.clear();
        getResponseBatches.clear();
        billed.reset();
        billedResults.reset();
        failedResults.reset();
        conflicts.reset();
        downloads.reset();
        notReady.reset();
        getResponseRequests.reset();
        unansweredGetResponses.reset();
        taskDetails.reset();
        synchronized (this) {
            billedUsd = BigDecimal.ZERO;
        }
    }

    void record(RecordedRequest request) {
        for (Map<String, Object> task : request.tasks()) {
            Object type = task.get("taskType");
            taskTypeCounts.computeIfAbsent(String.valueOf(type), k -> new AtomicInteger()).incrementAndGet();
        }
        append(requests, request);
    }

    void recordSubmission(String taskUUID) {
        submissionCounts.computeIfAbsent(String.valueOf(taskUUID), k -> new AtomicInteger()).incrementAndGet();
    }

    void recordBilledTask() {
        billed.increment();
    }

    void recordBilledResult(BigDecimal cost) {
        billedResults.increment();
        synchronized (this) {
            billedUsd = billedUsd.add(cost);
        }
    }

    void recordFailedResults(int count) {
        failedResults.add(count);
    }

    void recordConflict() {
        conflicts.increment();
    }

    void recordGetResponseRequest(int tasks) {
        getResponseRequests.increment();
        getResponseBatches.computeIfAbsent(tasks, k -> new AtomicInteger()).incrementAndGet();
    }

    void recordUnansweredGetResponses(int count) {
        unansweredGetResponses.add(count);
    }

    void recordTaskDetailsCall() {
        taskDetails.increment();
    }

    void recordMediaDownload() {
        downloads.increment();
    }

    void recordNotReadyAnswer() {
        notReady.increment();
    }

    void record(WebhookCall call) {
        append(webhookCalls, call);
    }

    void record(UploadCall call) {
        append(uploadCalls, call);
    }

    private <T> void append(Deque<T> entries, T entry) {
        synchronized (entries) {
            entries.addLast(entry);
            while (entries.size() > limit) {
                entries.removeFirst();
            }
        }
    }
}
