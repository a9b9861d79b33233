package io.github.camelseedance.runware.error;

import io.github.camelseedance.runware.internal.Json;
import io.github.camelseedance.runware.internal.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One error object of a Runware answer ({@code errors[]} entry, legacy {@code error}, or the {@code error} embedded in
 * a data item).
 *
 * @param code          the error code, e.g. {@code invalidParameterValue}; {@code null} when the answer had none
 * @param message       the human readable message
 * @param parameters    the parameters concerned ({@code parameter} may be a string or an array in the API)
 * @param allowedValues the {@code allowedValues}, when given
 * @param taskType      the task type the error belongs to
 * @param taskUUID      the task the error belongs to, {@code null} for request-level errors
 * @param raw           the error object exactly as answered
 */
public record RunwareError(String code, String message, List<String> parameters, List<Object> allowedValues,
                           String taskType, String taskUUID, Map<String, Object> raw) {

    /** Copies the collections so the error is immutable ({@code null} elements are kept out). */
    public RunwareError {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        allowedValues = allowedValues == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(allowedValues));
        raw = raw == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    /**
     * Creates an error that did not come from an answer (a client-side condition).
     *
     * @param  code     the code
     * @param  message  the message
     * @param  taskUUID the task concerned, may be {@code null}
     * @return          the error, with empty parameters and raw map
     */
    public static RunwareError of(String code, String message, String taskUUID) {
        return new RunwareError(code, message, List.of(), List.of(), null, taskUUID, Map.of());
    }

    /**
     * Reads an error object as answered by Runware.
     *
     * @param  map the JSON object
     * @return     the error; {@code parameter} is accepted as a string or an array
     */
    public static RunwareError fromMap(Map<String, Object> map) {
        return new RunwareError(Json.string(map.get("code")), Json.string(map.get("message")),
                Json.stringList(map.get("parameter")), Json.list(map.get("allowedValues")),
                Json.string(map.get("taskType")), Json.string(map.get("taskUUID")), map);
    }
}
