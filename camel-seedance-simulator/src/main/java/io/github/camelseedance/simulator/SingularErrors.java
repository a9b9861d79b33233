package io.github.camelseedance.simulator;

/**
 * When an answer uses Runware's older singular error form {@code {"error":{...},"taskUUID":...,"taskType":...}}
 * (the task's identity beside {@code error}, not inside it) instead of {@code {"errors":[...]}}.
 */
public enum SingularErrors {
    /** Always {@code {"errors":[...]}}. */
    NEVER,
    /**
     * Requests refused as a whole before any task ran (a bad key, an injected HTTP error status, a body that is not
     * a task array, a refused getResponse batch) answer in the singular form; task errors stay plural. The default.
     */
    REQUEST_ERRORS,
    /** Also every answer that holds exactly one error and no data, e.g. a single rejected submit or a failed poll. */
    SINGLE_ERRORS
}
