package io.github.camelseedance.seedance.monitor;

/** How a task this instance waited for ended. */
public enum TaskOutcome {
    /** Every result was made. */
    success,
    /** Some results were made, others failed. */
    partial,
    /** The task failed (every result, or the task itself). */
    error,
    /** The wait ended (waitTimeout) before the task did; it still runs, and is billed, at Runware. */
    timeout
}
