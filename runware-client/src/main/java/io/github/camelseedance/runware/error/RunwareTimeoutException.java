package io.github.camelseedance.runware.error;

import java.time.Duration;

import io.github.camelseedance.runware.model.TaskState;

/**
 * Something took too long ({@link ErrorFamily#TIMEOUT}): the provider or a webhook ({@code timeoutProvider},
 * {@code providerTimeout}, {@code webhookTimeout}, HTTP 408) or the client's own wait for a task
 * ({@link #waitTimeout}). Retryable.
 */
public final class RunwareTimeoutException extends RunwareException {

    /** The code of a client-side wait that ran out of time. */
    public static final String CLIENT_WAIT_TIMEOUT = "clientWaitTimeout";

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    the message
     * @param error      the error answered or synthesised, may be {@code null}
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    public RunwareTimeoutException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, error, httpStatus, cause);
    }

    /**
     * Creates the exception for a wait for a task that ran out of time (the task may still be running at Runware).
     *
     * @param  taskUUID  the task waited for
     * @param  timeout   the time waited
     * @param  lastState the last state seen, may be {@code null}
     * @return           the exception, with code {@link #CLIENT_WAIT_TIMEOUT} and the task's uuid
     */
    public static RunwareTimeoutException waitTimeout(String taskUUID, Duration timeout, TaskState lastState) {
        String message = "Task " + taskUUID + " did not finish within " + timeout
                         + (lastState == null ? " (never polled successfully)" : " (last state " + lastState + ")")
                         + "; it may still be running at Runware and can be resumed by its taskUUID";
        return new RunwareTimeoutException(message, RunwareError.of(CLIENT_WAIT_TIMEOUT, message, taskUUID), 0, null);
    }

    /** @return whether this is the client's own wait running out ({@link #CLIENT_WAIT_TIMEOUT}), not Runware's */
    public boolean isClientWait() {
        return CLIENT_WAIT_TIMEOUT.equals(code());
    }

    @Override
    public ErrorFamily family() {
        return ErrorFamily.TIMEOUT;
    }
}
