package io.github.camelseedance.seedance.journal;

/**
 * The work of a task that ended without its videos came again while the task's record is kept (the task retention):
 * every result failed at Runware, Runware no longer knew the task when its videos were to be taken, or they could not
 * be downloaded. The work is not run again under the same idempotency key, whose task it is; unlike
 * {@link TaskHandledElsewhereException} this is a failure, which the route's error handler (or the broker's
 * redelivery policy and dead-letter queue) sees, so the work is not taken for done.
 */
public class TaskEndedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String taskUUID;
    private final String reason;

    TaskEndedException(String taskUUID, String owner, String reason) {
        super("Seedance task " + taskUUID + " ended without its videos (at instance " + owner + "): " + reason
              + ". Its work came again: it is not run again under the same idempotency key (a new key runs it again)");
        this.taskUUID = taskUUID;
        this.reason = reason;
    }

    public String getTaskUUID() {
        return taskUUID;
    }

    /** @return why the task ended without its videos, as it was recorded */
    public String getReason() {
        return reason;
    }
}
