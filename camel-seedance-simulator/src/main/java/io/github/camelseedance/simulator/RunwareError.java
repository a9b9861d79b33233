package io.github.camelseedance.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a Runware {@code errors} array: code, message, the offending parameter (a name or a list of names),
 * the allowed values or range where they apply, and the task it belongs to.
 */
record RunwareError(String code, String message, Object parameter, List<?> allowedValues, Number min, Number max,
                    String taskType, String taskUUID, boolean taskOutcome) {

    static RunwareError of(String code, String message) {
        return new RunwareError(code, message, null, null, null, null, null, null, false);
    }

    RunwareError parameter(Object name) {
        return new RunwareError(code, message, name, allowedValues, min, max, taskType, taskUUID, taskOutcome);
    }

    RunwareError allowedValues(List<?> values) {
        return new RunwareError(code, message, parameter, values, min, max, taskType, taskUUID, taskOutcome);
    }

    RunwareError range(Number minimum, Number maximum) {
        return new RunwareError(code, message, parameter, allowedValues, minimum, maximum, taskType, taskUUID,
                taskOutcome);
    }

    RunwareError task(String type, String uuid) {
        return new RunwareError(code, message, parameter, allowedValues, min, max, type, uuid, taskOutcome);
    }

    /** Marks the error as the final state of an accepted task (carries {@code "status":"error"}). */
    RunwareError asTaskOutcome() {
        return new RunwareError(code, message, parameter, allowedValues, min, max, taskType, taskUUID, true);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("message", message);
        putIfPresent(json, "parameter", parameter);
        putIfPresent(json, "allowedValues", allowedValues);
        putIfPresent(json, "min", min);
        putIfPresent(json, "max", max);
        putIfPresent(json, "taskType", taskType);
        putIfPresent(json, "taskUUID", taskUUID);
        if (taskOutcome) {
            json.put("status", "error");
        }
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
