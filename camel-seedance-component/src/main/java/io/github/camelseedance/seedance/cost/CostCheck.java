package io.github.camelseedance.seedance.cost;

/** How a task is priced before it is submitted. */
public enum CostCheck {
    /**
     * From the model's price table: resolution x duration x results, no request; a model the table does not know is
     * priced by a dry run.
     */
    table,
    /** Exactly, by a dry run ({@code X-Runware-Dry-Run}): one request that runs and bills nothing. */
    dryRun
}
