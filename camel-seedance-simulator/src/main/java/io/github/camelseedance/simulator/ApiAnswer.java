package io.github.camelseedance.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer to one API request being built: data items and errors, and the HTTP status they add up to. */
final class ApiAnswer {

    private final List<Map<String, Object>> data = new ArrayList<>();
    private final List<RunwareError> errors = new ArrayList<>();

    void data(Map<String, Object> item) {
        data.add(item);
    }

    void error(RunwareError error) {
        errors.add(error);
    }

    /**
     * 200 when there is any data item or any task outcome (a failed task is a valid poll answer); 400 when every
     * task of the request was rejected.
     */
    int status() {
        if (!data.isEmpty() || errors.isEmpty() || errors.stream().anyMatch(RunwareError::taskOutcome)) {
            return 200;
        }
        return 400;
    }

    /** The Runware envelope: {@code data} and/or {@code errors}. */
    Map<String, Object> envelope() {
        Map<String, Object> envelope = new LinkedHashMap<>();
        if (!data.isEmpty() || errors.isEmpty()) {
            envelope.put("data", data);
        }
        if (!errors.isEmpty()) {
            envelope.put("errors", errors.stream().map(RunwareError::toJson).toList());
        }
        return envelope;
    }

    /** An envelope holding a single error, for answers refused as a whole. */
    static Map<String, Object> errorEnvelope(RunwareError error) {
        return Map.of("errors", List.of(error.toJson()));
    }
}
