package io.github.camelseedance.simulator;

/**
 * How a failed result of a task (one of its {@code numberResults}) shows in getResponse answers and webhooks; the
 * protocol sources name both forms.
 */
public enum ResultErrorForm {
    /**
     * An entry of {@code errors} carrying the task's {@code taskUUID}, {@code "status":"error"}, {@code code} and
     * {@code message}, beside the {@code data} items of its siblings. The default.
     */
    ERRORS_ENTRY,
    /** A {@code data} item {@code {"taskType","taskUUID","status":"error","error":{"code","message"}}}. */
    DATA_ITEM
}
