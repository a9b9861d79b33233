package io.github.camelseedance.runware.error;

/** The model provider failed or is unavailable ({@link ErrorFamily#PROVIDER}: {@code provider*}, {@code taskFailed}, {@code inferenceError}, ...). Retryable. */
public final class RunwareProviderException extends RunwareException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    the message
     * @param error      the error answered or synthesised, may be {@code null}
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    public RunwareProviderException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, error, httpStatus, cause);
    }

    @Override
    public ErrorFamily family() {
        return ErrorFamily.PROVIDER;
    }
}
