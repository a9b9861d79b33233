package io.github.camelseedance.runware.model;

import io.github.camelseedance.runware.error.RunwareException;

/**
 * One result of a task that ended in error while its siblings may have succeeded (and are billed): an
 * {@code errors} entry carrying the task's uuid, or a data item with {@code status: "error"}. A task that failed as a
 * whole shows as one failed result.
 *
 * @param resultIndex which result failed, when Runware says, else {@code null}
 * @param error       the classified failure, carrying the code, the message and the taskUUID
 */
public record FailedResult(Integer resultIndex, RunwareException error) {

    /** @return the Runware error code */
    public String code() {
        return error.code();
    }

    /**
     * Which result of its task this is: its {@code resultIndex} when given, else its code and message (Runware gives
     * failed results no uuid of their own).
     *
     * @return the result key
     */
    public String resultKey() {
        return ResultKeys.of(resultIndex, "error " + error.code() + ": " + error.getMessage());
    }
}
