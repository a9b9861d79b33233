package io.github.camelseedance.runware.error;

/** Runware failed on its side ({@link ErrorFamily#SERVER}: {@code internalServerError}, {@code serviceUnavailable}, HTTP 5xx). Retryable. */
public final class RunwareServerException extends RunwareException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    the message
     * @param error      the error answered or synthesised, may be {@code null}
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    public RunwareServerException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, error, httpStatus, cause);
    }

    @Override
    public ErrorFamily family() {
        return ErrorFamily.SERVER;
    }
}
