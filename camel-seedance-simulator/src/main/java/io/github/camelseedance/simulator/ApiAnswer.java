package io.github.camelseedance.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to one API request being built: data items and errors, and the HTTP status they add up to; or a
 * refusal of the request as a whole, with its own status.
 */
final class ApiAnswer {

    private final List<Map<String, Object>> data = new ArrayList<>();
    private final List<RunwareError> errors = new ArrayList<>();
    private final int refusalStatus;

    ApiAnswer() {
        this(0);
    }

    private ApiAnswer(int refusalStatus) {
        this.refusalStatus = refusalStatus;
    }

    /** A request refused as a whole, before any task ran. */
    static ApiAnswer refusal(int status, RunwareError error) {
        ApiAnswer answer = new ApiAnswer(status);
        answer.error(error);
        return answer;
    }

    void data(Map<String, Object> item) {
        data.add(item);
    }

    void error(RunwareError error) {
        errors.add(error);
    }

    /**
     * A refusal's own status; otherwise 200 when there is any data item or any task outcome (a failed task is a
     * valid poll answer), 400 when every task of the request was rejected.
     */
    int status() {
        if (refusalStatus != 0) {
            return refusalStatus;
        }
        if (!data.isEmpty() || errors.isEmpty() || errors.stream().anyMatch(RunwareError::taskOutcome)) {
            return 200;
        }
        return 400;
    }

    /**
     * The Runware envelope: {@code data} and/or {@code errors}, or the singular form
     * {@code {"error":{...},"taskUUID":...,"taskType":...}} where {@code singular} asks for it.
     *
     * @param firstTask the request's first task object, whose identity a refusal's singular form carries; may be
     *                  null
     */
    Map<String, Object> envelope(SingularErrors singular, Map<String, Object> firstTask) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        if (data.isEmpty() && errors.size() == 1 && singularFor(singular)) {
            RunwareError error = errors.get(0);
            envelope.put("error", error.withoutTask());
            putIfString(envelope, "taskUUID",
                    error.taskUUID() != null ? error.taskUUID() : identity(firstTask, "taskUUID"));
            putIfString(envelope, "taskType",
                    error.taskType() != null ? error.taskType() : identity(firstTask, "taskType"));
            return envelope;
        }
        if (!data.isEmpty() || errors.isEmpty()) {
            envelope.put("data", data);
        }
        if (!errors.isEmpty()) {
            envelope.put("errors", errors.stream().map(RunwareError::toJson).toList());
        }
        return envelope;
    }

    private boolean singularFor(SingularErrors singular) {
        return switch (singular) {
            case NEVER -> false;
            case REQUEST_ERRORS -> refusalStatus != 0;
            case SINGLE_ERRORS -> true;
        };
    }

    private static Object identity(Map<String, Object> task, String key) {
        return task == null ? null : task.get(key);
    }

    private static void putIfString(Map<String, Object> envelope, String key, Object value) {
        if (value instanceof String s) {
            envelope.put(key, s);
        }
    }
}
