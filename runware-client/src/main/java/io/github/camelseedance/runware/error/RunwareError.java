package io.github.camelseedance.runware.error;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One error object of a Runware answer: an {@code errors[]} entry, the older singular {@code error}, or the
 * {@code error} embedded in a data item, read by Jackson.
 *
 * @param code          the error code, e.g. {@code invalidWidth}; {@code null} when the answer had none
 * @param message       the human readable message
 * @param parameters    the parameters concerned ({@code parameter} is a string or an array in the API)
 * @param allowedValues the {@code allowedValues}, when given
 * @param type          the JSON type the parameter must have ({@code integer}, ...), when given
 * @param min           the smallest value allowed, when given
 * @param max           the largest value allowed, when given
 * @param taskType      the task type the error belongs to
 * @param taskUUID      the task the error belongs to, {@code null} for request-level errors
 * @param resultIndex   which result of the task failed, when Runware says
 * @param documentation a link to Runware's documentation of the error, when given
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunwareError(
                           String code,
                           String message,
                           @JsonProperty("parameter") List<String> parameters,
                           List<Object> allowedValues,
                           String type,
                           BigDecimal min,
                           BigDecimal max,
                           String taskType,
                           String taskUUID,
                           Integer resultIndex,
                           String documentation) {

    private static final String TASK_UUID = "taskUUID";

    /** Copies the collections so the error is immutable. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public RunwareError {
        parameters = parameters == null ? List.of() : parameters.stream().filter(p -> p != null).toList();
        allowedValues = allowedValues == null
                ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(allowedValues));
    }

    /**
     * An error answered as plain text (some proxies and older answers: {@code "error":"boom"}).
     *
     * @param  message the text
     * @return         an error with that message and no code
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RunwareError ofText(String message) {
        return of(null, message, null);
    }

    /**
     * An error that did not come from an answer (a client-side condition).
     *
     * @param  code     the code
     * @param  message  the message
     * @param  taskUUID the task concerned, may be {@code null}
     * @return          the error
     */
    public static RunwareError of(String code, String message, String taskUUID) {
        return new RunwareError(code, message, List.of(), List.of(), null, null, null, null, taskUUID, null, null);
    }

    /**
     * @param  taskType the task type, kept when this error names one
     * @param  uuid     the task
     * @return          this error about that task (the singular form and data items carry the task beside the error)
     */
    public RunwareError about(String taskType, String uuid) {
        return new RunwareError(code, message, parameters, allowedValues, type, min, max,
                this.taskType != null ? this.taskType : taskType, uuid, resultIndex, documentation);
    }

    /** @return the family of this error, judged by its code alone (see {@link ErrorFamily#ofCode}) */
    public ErrorFamily family() {
        return code == null ? ErrorFamily.UNKNOWN : ErrorFamily.ofCode(code);
    }

    /**
     * Whether this error says the taskUUID is in use: a code of the {@code conflict*} / {@code duplicate*} family
     * ({@code conflictTaskUUID}, formerly read as {@code duplicateTaskUUID}) about the taskUUID, not about other
     * parameters ({@code conflictingParameters}).
     *
     * @return {@code true} for a taskUUID conflict
     */
    public boolean isTaskUUIDConflict() {
        if (code == null || !(code.startsWith("conflict") || code.startsWith("duplicate"))) {
            return false;
        }
        return code.toLowerCase(Locale.ROOT).contains("taskuuid") || parameters.equals(List.of(TASK_UUID));
    }
}
