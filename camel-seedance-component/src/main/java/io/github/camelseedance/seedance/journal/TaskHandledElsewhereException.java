package io.github.camelseedance.seedance.journal;

/**
 * A task's result is not delivered by this exchange because it is, or was, delivered by another: this instance stopped
 * renewing the task's lease (it was paused, or cut off from the task store) and another instance adopted the task and
 * delivers it; or the work came again after its task had been delivered (its record kept for the task retention).
 * Either way the work is done: a route treats this as success ({@code onException(...).handled(true)}). Work whose
 * task ended without its videos fails with {@link TaskEndedException} instead.
 */
public class TaskHandledElsewhereException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String taskUUID;

    private TaskHandledElsewhereException(String taskUUID, String message) {
        super(message);
        this.taskUUID = taskUUID;
    }

    /** This instance lost the task's lease: another adopted it. */
    public static TaskHandledElsewhereException adoptedFrom(String instanceId, String taskUUID) {
        return new TaskHandledElsewhereException(taskUUID, "Seedance task " + taskUUID + " is no longer leased to "
                                                           + "instance " + instanceId + ": another instance adopted "
                                                           + "it after its lease expired, and delivers its results");
    }

    /** The work of a task delivered already (by the {@code seedance:webhook} consumer, or another exchange) came again. */
    public static TaskHandledElsewhereException deliveredBy(String taskUUID, String owner) {
        return new TaskHandledElsewhereException(taskUUID, "Seedance task " + taskUUID + " was delivered already (by "
                                                           + "instance " + owner + "): its work came again");
    }

    /**
     * The task an exchange here waited for was delivered meanwhile by the {@code seedance:webhook} consumer of the
     * instance that held it then (another one that adopted it, or this one).
     */
    public static TaskHandledElsewhereException deliveredMeanwhile(String taskUUID, String owner) {
        return new TaskHandledElsewhereException(taskUUID, "Seedance task " + taskUUID + " was delivered by instance "
                                                           + owner + " while this exchange waited for it");
    }

    public String getTaskUUID() {
        return taskUUID;
    }
}
