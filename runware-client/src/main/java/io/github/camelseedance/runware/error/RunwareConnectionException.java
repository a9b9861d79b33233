package io.github.camelseedance.runware.error;

/** No usable answer: a network error, a timeout of one HTTP request, or a malformed answer ({@link ErrorFamily#CONNECTION}). Retryable. */
public final class RunwareConnectionException extends RunwareException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    the message
     * @param error      the error answered or synthesised, may be {@code null}
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    public RunwareConnectionException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, error, httpStatus, cause);
    }

    @Override
    public ErrorFamily family() {
        return ErrorFamily.CONNECTION;
    }
}
