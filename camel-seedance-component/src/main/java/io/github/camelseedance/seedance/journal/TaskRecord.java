package io.github.camelseedance.seedance.journal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the component remembers of a task it submitted, until its videos are delivered: enough to resume waiting for
 * it and to deliver its results after a restart or on another instance, and who holds it now.
 *
 * @param taskUUID        the task
 * @param idempotencyKey  the key the task UUID was derived from, may be null
 * @param expectedResults how many videos it makes
 * @param outputFormat    the container asked for (for file names), may be null
 * @param fileName        the incoming file name, for the video's name, may be null
 * @param model           the model it runs on, may be null
 * @param recordedAt      when it was recorded (before its submit was sent), epoch milliseconds
 * @param acknowledged    whether Runware acknowledged its submit (a task never acknowledged may not exist)
 * @param owner           the instance holding its lease: the only one that polls, downloads and delivers it
 * @param leaseUntil      when the owner's lease expires, epoch milliseconds; another instance may adopt it after
 * @param waiter          an instance other than the owner with an exchange waiting for the task (redelivered work),
 *                        which the owner hands the lease to; may be null
 * @param delivered       the results delivered so far (video UUIDs)
 * @param received        webhook deliveries received by an instance that did not hold the lease, for the owner to
 *                        take (each the body as Runware posted it)
 * @param finishedAt      when its results were all delivered (kept for the retention), 0 while in flight
 * @param version         changes on every update, so that an update based on an old copy fails
 */
public record TaskRecord(String taskUUID, String idempotencyKey, int expectedResults, String outputFormat,
                         String fileName,
                         String model, long recordedAt, boolean acknowledged, String owner, long leaseUntil,
                         String waiter,
                         List<String> delivered, List<String> received, long finishedAt, long version) {

    /** Copies the lists so the record is immutable. */
    public TaskRecord {
        Objects.requireNonNull(taskUUID, "taskUUID");
        delivered = delivered == null ? List.of() : List.copyOf(delivered);
        received = received == null ? List.of() : List.copyOf(received);
    }

    /** A task about to be submitted, not yet leased. */
    public static TaskRecord of(String taskUUID, String idempotencyKey, int expectedResults, String outputFormat,
                                String fileName, String model, long recordedAt) {
        return new TaskRecord(taskUUID, idempotencyKey, Math.max(1, expectedResults), outputFormat, fileName, model,
                recordedAt, false, null, 0, null, List.of(), List.of(), 0, 0);
    }

    /** Whether its results were all delivered (a record kept for the retention). */
    public boolean finished() {
        return finishedAt > 0;
    }

    /** This record leased to {@code instance} until {@code until}; a waiter that takes it is no longer waiting. */
    public TaskRecord leasedTo(String instance, long until) {
        String stillWaiting = Objects.equals(waiter, instance) ? null : waiter;
        return new TaskRecord(taskUUID, idempotencyKey, expectedResults, outputFormat, fileName, model, recordedAt,
                acknowledged, instance, until, stillWaiting, delivered, received, finishedAt, version);
    }

    /** This record with its submit acknowledged. */
    public TaskRecord acknowledge() {
        return new TaskRecord(taskUUID, idempotencyKey, expectedResults, outputFormat, fileName, model, recordedAt,
                true,
                owner, leaseUntil, waiter, delivered, received, finishedAt, version);
    }

    /** This record with an instance waiting for it, or none ({@code null}). */
    public TaskRecord waitedBy(String instance) {
        return new TaskRecord(taskUUID, idempotencyKey, expectedResults, outputFormat, fileName, model, recordedAt,
                acknowledged, owner, leaseUntil, instance, delivered, received, finishedAt, version);
    }

    /** This record with more results delivered. */
    public TaskRecord withDelivered(List<String> more) {
        Set<String> all = new LinkedHashSet<>(delivered);
        all.addAll(more);
        return new TaskRecord(taskUUID, idempotencyKey, expectedResults, outputFormat, fileName, model, recordedAt,
                acknowledged, owner, leaseUntil, waiter, new ArrayList<>(all), received, finishedAt, version);
    }

    /** This record with one more webhook delivery for the owner to take. */
    public TaskRecord withReceived(String body) {
        List<String> all = new ArrayList<>(received);
        all.add(body);
        return new TaskRecord(taskUUID, idempotencyKey, expectedResults, outputFormat, fileName, model, recordedAt,
                acknowledged, owner, leaseUntil, waiter, delivered, all, finishedAt, version);
    }

    /** This record without the webhook deliveries the owner took. */
    public TaskRecord withoutReceived(List<String> taken) {
        List<String> rest = new ArrayList<>(received);
        taken.forEach(rest::remove);
        return new TaskRecord(taskUUID, idempotencyKey, expectedResults, outputFormat, fileName, model, recordedAt,
                acknowledged, owner, leaseUntil, waiter, delivered, rest, finishedAt, version);
    }

    /** This record finished at {@code when}. */
    TaskRecord finishedAt(long when) {
        return new TaskRecord(taskUUID, idempotencyKey, expectedResults, outputFormat, fileName, model, recordedAt,
                acknowledged, owner, 0, null, delivered, List.of(), when, version);
    }

    /** This record as stored with another version. */
    TaskRecord withVersion(long newVersion) {
        return new TaskRecord(taskUUID, idempotencyKey, expectedResults, outputFormat, fileName, model, recordedAt,
                acknowledged, owner, leaseUntil, waiter, delivered, received, finishedAt, newVersion);
    }

    /** Whether {@code instance} holds the lease at {@code now}. */
    public boolean heldBy(String instance, long now) {
        return !finished() && Objects.equals(owner, instance) && leaseUntil > now;
    }
}
