package io.github.camelseedance.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the simulator received and sent, for assertions. Thread-safe.
 *
 * <p>The lists keep the most recent {@code limit} entries each (see {@link RunwareSimulator.Builder#journalLimit});
 * the counters ({@link #count}, {@link #submissions}, {@link #billedTasks}, {@link #duplicateSubmits},
 * {@link #mediaDownloads}) are exact whatever the limit.
 */
public final class RequestJournal {

    private final int limit;
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private final Deque<WebhookCall> webhookCalls = new ArrayDeque<>();
    private final Deque<UploadCall> uploadCalls = new ArrayDeque<>();
    private final Map<String, AtomicInteger> taskTypeCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> submissionCounts = new ConcurrentHashMap<>();
    private final LongAdder billed = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder downloads = new LongAdder();

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

    /** Number of accepted, charged {@code videoInference} tasks (dry runs excluded). */
    public int billedTasks() {
        return billed.intValue();
    }

    /** Number of submits rejected as {@code duplicateTaskUUID}. */
    public int duplicateSubmits() {
        return duplicates.intValue();
    }

    /** Number of GET requests for served media ({@code /media/...}), whatever they answered. */
    public int mediaDownloads() {
        return downloads.intValue();
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
        billed.reset();
        duplicates.reset();
        downloads.reset();
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

    void recordDuplicateSubmit() {
        duplicates.increment();
    }

    void recordMediaDownload() {
        downloads.increment();
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
