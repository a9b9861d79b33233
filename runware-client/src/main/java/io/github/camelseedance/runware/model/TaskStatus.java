package io.github.camelseedance.runware.model;

import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareException;
import java.util.List;

/**
 * The state of one task as reported by a {@code getResponse} poll.
 *
 * @param taskUUID the task
 * @param state    its state
 * @param progress the progress 0..100 of the running part, when reported
 * @param items    the results finished so far (partial results while {@code PROCESSING})
 * @param error    the classified error when {@code state} is {@code ERROR} (or {@code NOT_FOUND}), else {@code null}
 */
public record TaskStatus(String taskUUID, TaskState state, Integer progress, List<VideoItem> items,
                         RunwareException error) {

    /** Copies the items so the status is immutable. */
    public TaskStatus {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /**
     * Tells whether nothing more is to be expected of this task.
     *
     * @param  expectedResults how many results the task was asked for ({@code numberResults})
     * @return                 {@code true} for {@code SUCCESS} with at least {@code expectedResults} items, or
     *                         {@code ERROR}
     */
    public boolean isFinal(int expectedResults) {
        return state == TaskState.ERROR || state == TaskState.SUCCESS && items.size() >= expectedResults;
    }
}
