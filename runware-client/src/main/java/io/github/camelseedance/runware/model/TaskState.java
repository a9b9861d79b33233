package io.github.camelseedance.runware.model;

import java.util.Set;

/**
 * The state of a task as Runware reports it, each with the name the API (and the Camel headers) spell it with.
 */
public enum TaskState {
    /** Still running: some result is not finished; finished ones may already be there. */
    PROCESSING("processing"),
    /** Every result is finished and at least one succeeded (others may have failed). */
    SUCCESS("success"),
    /** Every result is finished and none succeeded, or the task failed as a whole. */
    ERROR("error"),
    /** Runware does not know the uuid (never submitted, or forgotten): the not-found family of error codes. */
    NOT_FOUND("notFound");

    /** Older statuses that also mean "not finished" (older docs, the legacy Python SDK). */
    private static final Set<String> LEGACY_PENDING = Set.of("pending", "queued", "scheduled", "waiting");

    private final String apiName;

    TaskState(String apiName) {
        this.apiName = apiName;
    }

    /** @return the name as the API spells it: {@code processing}, {@code success}, {@code error}, {@code notFound} */
    public String apiName() {
        return apiName;
    }

    /**
     * @param  status a {@code status} value of an answer item, may be {@code null}
     * @return        its state ({@code pending}, {@code queued}, {@code scheduled}, {@code waiting} are
     *                {@link #PROCESSING}), {@code null} when absent or unknown
     */
    public static TaskState ofApiName(String status) {
        if (status == null) {
            return null;
        }
        for (TaskState state : values()) {
            if (state.apiName.equals(status)) {
                return state;
            }
        }
        return LEGACY_PENDING.contains(status) ? PROCESSING : null;
    }
}
