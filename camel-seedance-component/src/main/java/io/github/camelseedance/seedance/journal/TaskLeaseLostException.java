package io.github.camelseedance.seedance.journal;

/**
 * A task's result is not delivered here because another instance holds the task now: this instance stopped renewing
 * its lease (it was paused, or cut off from the task store) and the other one adopted the task and delivers it.
 */
public class TaskLeaseLostException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String taskUUID;

    public TaskLeaseLostException(String taskUUID, String instanceId) {
        super("Seedance task " + taskUUID + " is no longer leased to instance " + instanceId + ": another instance "
              + "adopted it after its lease expired, and delivers its results");
        this.taskUUID = taskUUID;
    }

    public String getTaskUUID() {
        return taskUUID;
    }
}
