package io.github.camelseedance.runware.error;

/** Something does not exist (any more): {@link ErrorFamily#NOT_FOUND}, {@code taskNotFound}, {@code taskExpired}, any {@code *NotFound} / {@code *Expired}, or a download answering 404/410 (an expired URL). Not retryable. */
public final class RunwareNotFoundException extends RunwareException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    the message
     * @param error      the error answered or synthesised, may be {@code null}
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    public RunwareNotFoundException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, error, httpStatus, cause);
    }

    @Override
    public ErrorFamily family() {
        return ErrorFamily.NOT_FOUND;
    }
}
