package io.github.camelseedance.runware.model;

/** The state of a task as reported by a {@code getResponse} poll. */
public enum TaskState {
    /** Still running; some results may already be finished. */
    PROCESSING,
    /** Finished results are available. */
    SUCCESS,
    /** The task failed; it will not produce (more) results. */
    ERROR,
    /** Runware does not know the uuid (never submitted, or expired). */
    NOT_FOUND
}
