package io.github.camelseedance.runware.error;

/** An error whose code no rule of the {@link ErrorFamily} table knows. Not retryable: nothing is sent again on a code nobody understands. */
public final class RunwareUnknownException extends RunwareException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    the message
     * @param error      the error answered or synthesised, may be {@code null}
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    public RunwareUnknownException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, error, httpStatus, cause);
    }

    @Override
    public ErrorFamily family() {
        return ErrorFamily.UNKNOWN;
    }
}
