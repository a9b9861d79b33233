package io.github.camelseedance.runware.error;

/** The API key is missing, invalid or lacks permission ({@link ErrorFamily#AUTHENTICATION}: {@code invalidApiKey}, HTTP 401/403). Not retryable. */
public final class RunwareAuthenticationException extends RunwareException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    the message
     * @param error      the error answered or synthesised, may be {@code null}
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    public RunwareAuthenticationException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, error, httpStatus, cause);
    }

    @Override
    public ErrorFamily family() {
        return ErrorFamily.AUTHENTICATION;
    }
}
