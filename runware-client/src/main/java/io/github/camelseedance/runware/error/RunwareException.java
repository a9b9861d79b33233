package io.github.camelseedance.runware.error;

import java.util.List;

/**
 * An unchecked failure of a Runware call, one final subclass per {@link ErrorFamily}, so {@code onException} and
 * {@code catch} can handle a family. {@link #from(RunwareError, int)} builds the exception of an answered error from
 * the family table; whether trying again may help is the family's {@link ErrorFamily#retryable()}.
 */
public abstract sealed class RunwareException extends RuntimeException
        permits RunwareValidationException, RunwareAuthenticationException, RunwareInsufficientCreditsException,
        RunwareRateLimitException, RunwareContentPolicyException, RunwareProviderException, RunwareTimeoutException,
        RunwareNotFoundException, RunwareServerException, RunwareConnectionException, RunwareUnknownException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final List<String> parameters;
    private final String taskUUID;
    private final int httpStatus;
    private final transient RunwareError error;

    /**
     * Creates an exception.
     *
     * @param message    the message
     * @param error      the error answered (or synthesised client-side), may be {@code null}; code, parameters and
     *                   taskUUID are taken from it
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    RunwareException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, cause);
        this.error = error;
        this.code = error == null ? null : error.code();
        this.parameters = error == null ? List.of() : error.parameters();
        this.taskUUID = error == null ? null : error.taskUUID();
        this.httpStatus = httpStatus;
    }

    /**
     * The exception of an error answered by Runware: its family per {@link ErrorFamily#of(String, int)}.
     *
     * @param  error      the error object, may be {@code null} (then the status alone decides)
     * @param  httpStatus the HTTP status of the answer, 0 when the error came inside a successful answer
     * @return            the classified exception (not thrown)
     */
    public static RunwareException from(RunwareError error, int httpStatus) {
        return of(ErrorFamily.of(error == null ? null : error.code(), httpStatus), describe(error, httpStatus), error,
                httpStatus, null);
    }

    /**
     * An exception of a family.
     *
     * @param  family     the family
     * @param  message    the message
     * @param  error      the error, may be {@code null}
     * @param  httpStatus the HTTP status, 0 when none
     * @param  cause      the cause, may be {@code null}
     * @return            the exception of the family's type
     */
    public static RunwareException of(ErrorFamily family, String message, RunwareError error, int httpStatus,
                                      Throwable cause) {
        return switch (family) {
            case VALIDATION -> new RunwareValidationException(message, error, httpStatus, cause);
            case AUTHENTICATION -> new RunwareAuthenticationException(message, error, httpStatus, cause);
            case QUOTA -> new RunwareInsufficientCreditsException(message, error, httpStatus, cause);
            case RATE_LIMIT -> new RunwareRateLimitException(message, error, httpStatus, cause);
            case SAFETY -> new RunwareContentPolicyException(message, error, httpStatus, cause);
            case PROVIDER -> new RunwareProviderException(message, error, httpStatus, cause);
            case TIMEOUT -> new RunwareTimeoutException(message, error, httpStatus, cause);
            case NOT_FOUND -> new RunwareNotFoundException(message, error, httpStatus, cause);
            case SERVER -> new RunwareServerException(message, error, httpStatus, cause);
            case CONNECTION -> new RunwareConnectionException(message, error, httpStatus, cause);
            case UNKNOWN -> new RunwareUnknownException(message, error, httpStatus, cause);
        };
    }

    /**
     * This failure about a task: the same family, error, status and cause, carrying the taskUUID.
     *
     * @param  uuid the task the failed call was about
     * @return      this exception when it names that task already, else a copy naming it
     */
    public RunwareException aboutTask(String uuid) {
        if (uuid == null || uuid.equals(taskUUID)) {
            return this;
        }
        RunwareError about = (error != null ? error : RunwareError.of(null, getMessage(), null)).about(null, uuid);
        RunwareException copy = of(family(), getMessage() + " (task " + uuid + ")", about, httpStatus, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    private static String describe(RunwareError error, int status) {
        StringBuilder text = new StringBuilder("Runware");
        if (error != null && error.code() != null) {
            text.append(" error ").append(error.code());
        } else {
            text.append(" request failed");
        }
        if (status > 0) {
            text.append(" (HTTP ").append(status).append(')');
        }
        if (error != null && error.taskUUID() != null) {
            text.append(" for task ").append(error.taskUUID());
        }
        if (error != null && error.message() != null) {
            text.append(": ").append(error.message());
        }
        if (error != null && !error.parameters().isEmpty()) {
            text.append(" [parameter ").append(String.join(", ", error.parameters())).append(']');
        }
        if (error != null && !error.allowedValues().isEmpty()) {
            text.append(" [allowed ").append(error.allowedValues()).append(']');
        }
        if (error != null && (error.min() != null || error.max() != null)) {
            text.append(" [range ").append(error.min() == null ? "" : error.min().toPlainString()).append("..")
                    .append(error.max() == null ? "" : error.max().toPlainString()).append(']');
        }
        return text.toString();
    }

    /** @return the family of this failure, which decides whether it is {@link #retryable()} */
    public abstract ErrorFamily family();

    /** @return the Runware error code, {@code null} when none (e.g. a network error) */
    public String code() {
        return code;
    }

    /** @return the parameters the error names, empty when none */
    public List<String> parameters() {
        return parameters;
    }

    /** @return the task concerned, {@code null} when the error is not about one task */
    public String taskUUID() {
        return taskUUID;
    }

    /** @return the HTTP status of the answer, 0 when there was none */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return whether trying again may succeed: the family's {@link ErrorFamily#retryable()} */
    public boolean retryable() {
        return family().retryable();
    }

    /** @return the error object answered (or synthesised), {@code null} when none */
    public RunwareError error() {
        return error;
    }
}
