package io.github.camelseedance.runware.poll;

/**
 * When a task's polls are sent: on the configured ladder of a {@link WaitPolicy}, or around the finish its render
 * key's past tasks predict ({@link RenderTimeEstimates}), falling back to the ladder where no estimate helps.
 */
public enum PollSchedule {

    /**
     * The ladder alone: a first poll after {@link WaitPolicy#initialDelay()}, then {@link WaitPolicy#interval()}
     * apart, growing by {@link WaitPolicy#multiplier()} up to {@link WaitPolicy#maxInterval()}.
     */
    fixed,

    /**
     * Polls placed around the expected finish of the task's {@link RenderKey}: none while a result is unlikely,
     * densest where it is most likely, then the ladder's own poll times for a task that runs longer than expected.
     * The ladder unchanged until the key has {@link RenderTimeEstimates#minObservations()} observations. Never a poll
     * before {@link WaitPolicy#initialDelay()}, never more polls by the end of the expected window than the ladder
     * sends by then.
     */
    learned
}
