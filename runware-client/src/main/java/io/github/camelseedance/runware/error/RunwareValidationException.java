package io.github.camelseedance.runware.error;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.camelseedance.runware.rules.Violation;

/**
 * The request is invalid ({@link ErrorFamily#VALIDATION}): answered by Runware with a validation code
 * ({@code invalidWidth}, {@code missingPositivePrompt}, {@code conflictTaskUUID}, ..., HTTP 400), or found by the
 * client before sending ({@link #violations()} not empty). Not retryable.
 */
public final class RunwareValidationException extends RunwareException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * Creates the exception for an error answered by Runware.
     *
     * @param message    the message
     * @param error      the error answered, may be {@code null}
     * @param httpStatus the HTTP status, 0 when none
     * @param cause      the cause, may be {@code null}
     */
    public RunwareValidationException(String message, RunwareError error, int httpStatus, Throwable cause) {
        super(message, error, httpStatus, cause);
        this.violations = List.of();
    }

    /**
     * Creates the exception for violations found by the client; nothing was sent.
     *
     * @param taskUUID   the task concerned, may be {@code null}
     * @param violations every violation found (at least one)
     */
    public RunwareValidationException(String taskUUID, List<Violation> violations) {
        super(summary(violations), summaryError(taskUUID, violations), 0, null);
        this.violations = List.copyOf(violations);
    }

    /** @return the violations found client-side, empty when the error was answered by Runware */
    public List<Violation> violations() {
        return violations;
    }

    @Override
    public ErrorFamily family() {
        return ErrorFamily.VALIDATION;
    }

    private static String summary(List<Violation> violations) {
        return "Invalid Runware request (" + violations.size() + " violation" + (violations.size() == 1 ? "" : "s")
               + "): " + violations.stream().map(Violation::message).collect(Collectors.joining("; "));
    }

    private static RunwareError summaryError(String taskUUID, List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one violation");
        }
        Set<String> parameters = new LinkedHashSet<>();
        violations.forEach(v -> parameters.addAll(v.parameters()));
        return new RunwareError(violations.get(0).code(), summary(violations), List.copyOf(parameters), List.of(), null,
                null, null, "videoInference", taskUUID, null, null);
    }
}
