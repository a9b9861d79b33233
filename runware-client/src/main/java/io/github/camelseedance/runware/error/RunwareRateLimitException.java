package io.github.camelseedance.runware.error;

/** Runware or the provider is rate limiting ({@link ErrorFamily#RATE_LIMIT}: any {@code *RateLimit*}, HTTP 429). Retryable. */
public final class RunwareRateLimitException extends RunwareException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    the message
     * @param error      the error answered or synthesised, may be {@code null}
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    public RunwareRateLimitException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, error, httpStatus, cause);
    }

    @Override
    public ErrorFamily family() {
        return ErrorFamily.RATE_LIMIT;
    }
}
