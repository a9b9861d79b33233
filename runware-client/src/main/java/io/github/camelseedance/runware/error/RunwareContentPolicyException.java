package io.github.camelseedance.runware.error;

/** The prompt or an input or output broke a content policy ({@link ErrorFamily#SAFETY}: {@code contentPolicyViolation}, {@code nsfwContentDetected}, ...). Not retryable. */
public final class RunwareContentPolicyException extends RunwareException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    the message
     * @param error      the error answered or synthesised, may be {@code null}
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    public RunwareContentPolicyException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, error, httpStatus, cause);
    }

    @Override
    public ErrorFamily family() {
        return ErrorFamily.SAFETY;
    }
}
