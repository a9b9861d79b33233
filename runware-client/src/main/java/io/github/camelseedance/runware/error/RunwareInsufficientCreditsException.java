package io.github.camelseedance.runware.error;

/** The account balance does not cover the task ({@link ErrorFamily#QUOTA}: {@code insufficientCredits}, any {@code *Credits*}, HTTP 402). Not retryable. */
public final class RunwareInsufficientCreditsException extends RunwareException {

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
        super(message, error, httpStatus, cause);
    }

    @Override
    public ErrorFamily family() {
        return ErrorFamily.QUOTA;
    }
}
