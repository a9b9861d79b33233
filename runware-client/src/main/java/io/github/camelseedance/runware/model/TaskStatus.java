package io.github.camelseedance.runware.model;

import java.util.List;

import io.github.camelseedance.runware.error.RunwareException;

/**
 * The state of one task as an answer shows it: a poll answer shows every result ({@code numberResults} of them,
 * each processing, succeeded or failed, in no promised order), a webhook delivery one finished result.
 *
 * @param taskUUID the task
 * @param state    its state: {@link TaskState#PROCESSING} while any result shown is not finished
 * @param progress the progress 0..100 when reported (Runware rarely reports it for video), else {@code null}
 * @param items    the results that succeeded so far (each billed)
 * @param failures the results that failed so far (a task that failed as a whole: one failure)
 * @param error    when {@code state} is {@link TaskState#ERROR} the first failure, when {@link TaskState#NOT_FOUND}
 *                 the not-found error, else {@code null}
 */
public record TaskStatus(String taskUUID, TaskState state, Integer progress, List<VideoItem> items,
                         List<FailedResult> failures, RunwareException error) {

    /** Copies the lists so the status is immutable. */
    public TaskStatus {
        items = items == null ? List.of() : List.copyOf(items);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** @return how many results are finished, succeeded or failed */
    public int finishedResults() {
        return items.size() + failures.size();
    }

    /** @return whether the task is over: {@link TaskState#SUCCESS} or {@link TaskState#ERROR} */
    public boolean isFinal() {
        return state == TaskState.SUCCESS || state == TaskState.ERROR;
    }
}
