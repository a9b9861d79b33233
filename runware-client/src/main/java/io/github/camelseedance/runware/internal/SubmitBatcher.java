package io.github.camelseedance.runware.internal;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;

/**
 * Sends the {@code videoInference} submits of many tasks in shared requests, as Runware's envelope allows ("several
 * tasks may share one request; errors are reported per task, and the other tasks of the request still run"). It
 * batches only what waits: a submit goes out at once while fewer than {@code maxRequests} submit requests are on the
 * way, and the submits that arrive meanwhile go together in the next request (at most {@code maxTasks} tasks and
 * {@value #MAX_BATCH_BYTES} bytes, a bigger task alone). So a lone submit is never delayed, and a burst of N submits
 * takes about N / {@code maxTasks} requests.
 * <p>
 * Each task gets its own part of the shared answer: its data items, its errors and the errors about the whole
 * request; a task acknowledged with no error of its own is answered as accepted whatever the status the request's
 * other tasks gave it. The answer is checked: when a shared answer (HTTP 2xx) says nothing about one of its tasks,
 * that task sees an answer without it (its submit then asks Runware for it before sending it again) and batching is
 * turned off for this client, with a warning; an answer refusing the request as too large (HTTP 413 or a
 * {@code *TooLarge} code) halves the number of tasks per request.
 */
public final class SubmitBatcher {

    /** The most bytes of task objects in one shared request; a bigger task is sent alone. */
    public static final int MAX_BATCH_BYTES = 1 << 20;

    private static final System.Logger LOG = System.getLogger(SubmitBatcher.class.getName());

    private final int maxRequests;
    private final BiFunction<byte[], Instant, CompletableFuture<AttemptOutcome<RunwareResponse>>> send;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private boolean warned;
    private int maxTasks;
    private int requestsOnTheWay;

    /**
     * @param maxTasks    the most tasks in one request (1: every task alone, as the official SDKs send them)
     * @param maxRequests the most submit requests on the way at once (at least 1)
     * @param send        sends a JSON array of task objects once, within a deadline ({@code null} for none),
     *                    answering the classified outcome
     */
    public SubmitBatcher(int maxTasks, int maxRequests,
                         BiFunction<byte[], Instant, CompletableFuture<AttemptOutcome<RunwareResponse>>> send) {
        if (maxTasks < 1 || maxRequests < 1) {
            throw new IllegalArgumentException("maxTasks and maxRequests must be at least 1, got " + maxTasks + " and "
                                               + maxRequests);
        }
        this.maxTasks = maxTasks;
        this.maxRequests = maxRequests;
        this.send = Objects.requireNonNull(send, "send");
    }

    /**
     * Sends one task's submit, alone or with others.
     *
     * @param  taskUUID the task's uuid
     * @param  task     its task object, as JSON
     * @param  deadline the attempt's deadline, {@code null} for none (a shared request ends at the earliest of its
     *                  tasks')
     * @return          the outcome of the request that carried it, narrowed to this task
     */
    public CompletableFuture<AttemptOutcome<RunwareResponse>> submit(String taskUUID, byte[] task, Instant deadline) {
        Pending pending = new Pending(taskUUID, task, deadline, new CompletableFuture<>());
        List<List<Pending>> ready;
        synchronized (this) {
            waiting.add(pending);
            ready = takeReady();
        }
        ready.forEach(this::send);
        return pending.answer;
    }

    /** @return the most tasks one request carries now */
    public synchronized int maxTasks() {
        return maxTasks;
    }

    private List<List<Pending>> takeReady() {
        List<List<Pending>> ready = new ArrayList<>();
        while (requestsOnTheWay < maxRequests && !waiting.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            long bytes = 0;
            while (!waiting.isEmpty() && batch.size() < maxTasks) {
                Pending next = waiting.peek();
                if (!batch.isEmpty() && bytes + next.task.length > MAX_BATCH_BYTES) {
                    break;
                }
                batch.add(waiting.poll());
                bytes += next.task.length + 1;
            }
            requestsOnTheWay++;
            ready.add(batch);
        }
        return ready;
    }

    private void send(List<Pending> batch) {
        CompletableFuture<AttemptOutcome<RunwareResponse>> answer;
        try {
            answer = send.apply(body(batch), earliestDeadline(batch));
        } catch (RuntimeException e) {
            answer = CompletableFuture.completedFuture(AttemptOutcome.failed(e, null));
        }
        answer.whenComplete((outcome, error) -> {
            List<List<Pending>> ready;
            synchronized (this) {
                requestsOnTheWay--;
                if (outcome != null && batch.size() > 1) {
                    adapt(batch, outcome.value());
                }
                ready = takeReady();
            }
            for (Pending pending : batch) {
                if (error != null) {
                    pending.answer.completeExceptionally(error);
                } else {
                    pending.answer.complete(batch.size() == 1 ? outcome : narrowed(outcome, pending.taskUUID));
                }
            }
            ready.forEach(this::send);
        });
    }

    /** Turns batching off after an answer that left a task out, halves it after a refusal as too large. */
    private void adapt(List<Pending> batch, RunwareResponse response) {
        if (response == null) {
            return;
        }
        if (tooLarge(response)) {
            maxTasks = Math.max(1, Math.min(maxTasks, batch.size()) / 2);
            return;
        }
        if (response.httpStatus() / 100 != 2) {
            return;
        }
        List<String> left = batch.stream().map(Pending::taskUUID).filter(uuid -> !speaksOf(response, uuid)).toList();
        if (!left.isEmpty()) {
            maxTasks = 1;
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "Runware answered a request of {0} videoInference tasks without"
                                                     + " a word about {1} of them (first {2}): each task is submitted"
                                                     + " alone from now on",
                        batch.size(), left.size(), left.get(0));
            }
        }
    }

    private static boolean tooLarge(RunwareResponse response) {
        return response.httpStatus() == 413 || response.errors().stream()
                .anyMatch(e -> e.taskUUID() == null && e.code() != null && e.code().contains("TooLarge"));
    }

    private static boolean speaksOf(RunwareResponse response, String taskUUID) {
        return response.data().stream().anyMatch(item -> taskUUID.equals(item.taskUUID()))
               || response.errors().stream().anyMatch(e -> e.taskUUID() == null || taskUUID.equals(e.taskUUID()));
    }

    /**
     * The outcome as one task sees it: its items, its errors and the request's; accepted (HTTP 200) when it has an
     * item and no error, whatever the request's status.
     */
    static AttemptOutcome<RunwareResponse> narrowed(AttemptOutcome<RunwareResponse> outcome, String taskUUID) {
        RunwareResponse response = outcome.value();
        if (response == null) {
            return outcome;
        }
        List<ResponseItem> items = response.data().stream().filter(item -> taskUUID.equals(item.taskUUID()))
                .toList();
        List<RunwareError> errors = response.errors().stream()
                .filter(e -> e.taskUUID() == null || taskUUID.equals(e.taskUUID())).toList();
        boolean accepted = !items.isEmpty() && errors.isEmpty();
        RunwareResponse own = new RunwareResponse(accepted ? 200 : response.httpStatus(), items, errors);
        Optional<RunwareException> failure = own.requestFailure();
        return failure.isPresent()
                ? AttemptOutcome.kept(own, failure.get(), outcome.retryAfter())
                : AttemptOutcome.done(own);
    }

    private static byte[] body(List<Pending> batch) {
        int size = 1 + batch.size();
        for (Pending pending : batch) {
            size += pending.task.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(batch.get(i).task);
        }
        out.write(']');
        return out.toByteArray();
    }

    private static Instant earliestDeadline(List<Pending> batch) {
        Instant earliest = null;
        for (Pending pending : batch) {
            if (pending.deadline != null && (earliest == null || pending.deadline.isBefore(earliest))) {
                earliest = pending.deadline;
            }
        }
        return earliest;
    }

    private record Pending(String taskUUID, byte[] task, Instant deadline,
                           CompletableFuture<AttemptOutcome<RunwareResponse>> answer) {
    }
}
