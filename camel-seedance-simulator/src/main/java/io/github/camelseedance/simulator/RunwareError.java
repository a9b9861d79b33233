package io.github.camelseedance.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Runware error object: code, message, the offending parameter (a name or a list of names), its JSON type and
 * the allowed values or range where they apply, the task it belongs to and, for the outcome of an accepted task,
 * {@code "status":"error"} (and the result it concerns, when result indexes are shown).
 */
record RunwareError(String code, String message, Object parameter, String type, List<?> allowedValues, Number min,
                    Number max, String taskType, String taskUUID, boolean taskOutcome, Integer resultIndex) {

    static RunwareError of(String code, String message) {
        return new RunwareError(code, message, null, null, null, null, null, null, null, false, null);
    }

    RunwareError parameter(Object name) {
        return new RunwareError(code, message, name, type, allowedValues, min, max, taskType, taskUUID, taskOutcome,
                resultIndex);
    }

    /** The JSON type the parameter must have: {@code integer}, {@code string}, {@code boolean}, {@code array}... */
    RunwareError type(String jsonType) {
        return new RunwareError(code, message, parameter, jsonType, allowedValues, min, max, taskType, taskUUID,
                taskOutcome, resultIndex);
    }

    RunwareError allowedValues(List<?> values) {
        return new RunwareError(code, message, parameter, type, values, min, max, taskType, taskUUID, taskOutcome,
                resultIndex);
    }

    RunwareError range(Number minimum, Number maximum) {
        return new RunwareError(code, message, parameter, type, allowedValues, minimum, maximum, taskType, taskUUID,
                taskOutcome, resultIndex);
    }

    RunwareError task(String type, String uuid) {
        return new RunwareError(code, message, parameter, this.type, allowedValues, min, max, type, uuid, taskOutcome,
                resultIndex);
    }

    /** Marks the error as the final state of an accepted task or result (carries {@code "status":"error"}). */
    RunwareError asTaskOutcome() {
        return new RunwareError(code, message, parameter, type, allowedValues, min, max, taskType, taskUUID, true,
                resultIndex);
    }

    RunwareError resultIndex(Integer index) {
        return new RunwareError(code, message, parameter, type, allowedValues, min, max, taskType, taskUUID,
                taskOutcome, index);
    }

    /** The entry of an {@code errors} array: every field, the task's identity included. */
    Map<String, Object> toJson() {
        Map<String, Object> json = withoutTask();
        putIfPresent(json, "taskType", taskType);
        putIfPresent(json, "taskUUID", taskUUID);
        return json;
    }

    /**
     * The error without the task's identity: the inner object of the singular form
     * {@code {"error":{...},"taskUUID":...,"taskType":...}} and of a {@code data} item with {@code status:"error"}.
     */
    Map<String, Object> withoutTask() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("message", message);
        putIfPresent(json, "parameter", parameter);
        putIfPresent(json, "type", type);
        putIfPresent(json, "allowedValues", allowedValues);
        putIfPresent(json, "min", min);
        putIfPresent(json, "max", max);
        if (taskOutcome) {
            json.put("status", "error");
        }
        putIfPresent(json, "resultIndex", resultIndex);
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
