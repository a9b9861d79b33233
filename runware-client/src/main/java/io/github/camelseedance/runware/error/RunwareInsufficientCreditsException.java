package io.github.camelseedance.runware.error;

/** The account balance does not cover the task (HTTP 402, {@code insufficientCredits}, {@code videoInferenceInsufficientCredits}). Not retryable. */
public class RunwareInsufficientCreditsException extends RunwareException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    the message
     * @param error      the error answered or synthesised, may be {@code null}
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    public RunwareInsufficientCreditsException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, error, httpStatus, false, cause);
    }
}
