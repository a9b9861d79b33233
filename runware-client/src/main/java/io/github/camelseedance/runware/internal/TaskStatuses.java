package io.github.camelseedance.runware.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.camelseedance.runware.error.ErrorFamily;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.FailedResult;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;

/**
 * Reads the results of tasks from an answer (to {@code getResponse}, a webhook delivery, the response kept by
 * {@code getTaskDetails}): one item per result, in no promised order, matched to its task by {@code taskUUID}; a
 * processing item may lack {@code taskType} and {@code progress}. A failed result is an {@code errors} entry with the
 * task's uuid or a data item with {@code status: error}. An error of the lookup itself ({@code taskType}
 * {@code getResponse} or {@code getTaskDetails}) says nothing of the task's results: of the not-found family, the task
 * is not known; else the answer says nothing about it. An answer whose status refuses the request as a whole (401,
 * 402, 403, 429, 5xx: anything but a 400 or 404 of per-task errors) fails, even when its singular {@code error}
 * names the request's first task.
 */
public final class TaskStatuses {

    private TaskStatuses() {
    }

    /**
     * Reads the statuses of some tasks.
     *
     * @param  response         the answer
     * @param  taskUUIDs        the tasks asked about
     * @return                  a status for every task the answer speaks of; a task it says nothing about is left out
     * @throws RunwareException when the answer is a request-level failure (an error about none of the tasks, or an
     *                          HTTP error status with nothing about them)
     */
    public static Map<String, TaskStatus> read(RunwareResponse response, Collection<String> taskUUIDs) {
        int httpStatus = response.httpStatus();
        ErrorFamily statusFamily = ErrorFamily.ofStatus(httpStatus);
        if (httpStatus >= 400 && statusFamily != ErrorFamily.VALIDATION && statusFamily != ErrorFamily.NOT_FOUND) {
            throw response.requestFailure().orElseThrow();
        }
        // one pass over the answer, then one look-up per task asked about (a batched poll asks about 50)
        Map<String, List<ResponseItem>> items = byTask(response.data(), ResponseItem::taskUUID);
        Map<String, List<RunwareError>> errors = byTask(
                response.errors().stream().filter(error -> !lookupFailure(error)).toList(), RunwareError::taskUUID);
        boolean mentionsAny = taskUUIDs.stream().anyMatch(uuid -> items.containsKey(uuid) || errors.containsKey(uuid));
        if (!mentionsAny && (httpStatus >= 400 || !response.errors().isEmpty())) {
            RunwareError first = response.errors().isEmpty() ? null : response.errors().get(0);
            throw RunwareException.from(first, httpStatus);
        }
        int errorStatus = response.httpStatus() >= 400 ? response.httpStatus() : 0;
        Map<String, TaskStatus> statuses = new LinkedHashMap<>();
        for (String uuid : taskUUIDs) {
            List<ResponseItem> itemsOfTask = items.getOrDefault(uuid, List.of());
            List<RunwareError> errorsOfTask = errors.getOrDefault(uuid, List.of());
            if (!itemsOfTask.isEmpty() || !errorsOfTask.isEmpty()) {
                statuses.put(uuid, statusOf(uuid, itemsOfTask, errorsOfTask, errorStatus));
            }
        }
        return statuses;
    }

    /**
     * @param  response the answer
     * @return          the uuids of every task the answer speaks of, in order
     */
    public static List<String> taskUUIDs(RunwareResponse response) {
        List<String> uuids = new ArrayList<>();
        response.data().forEach(item -> addOnce(uuids, item.taskUUID()));
        response.errors().forEach(error -> addOnce(uuids, error.taskUUID()));
        return uuids;
    }

    /** The entries by the task they name, each task's in the answer's order; entries naming none are left out. */
    private static <T> Map<String, List<T>> byTask(List<T> entries, Function<T, String> taskUUID) {
        Map<String, List<T>> byTask = new HashMap<>();
        for (T entry : entries) {
            String uuid = taskUUID.apply(entry);
            if (uuid != null) {
                byTask.computeIfAbsent(uuid, ignored -> new ArrayList<>(1)).add(entry);
            }
        }
        return byTask;
    }

    /** An error of the lookup (getResponse, getTaskDetails) that does not say the task is unknown. */
    private static boolean lookupFailure(RunwareError error) {
        return isLookup(error) && error.family() != ErrorFamily.NOT_FOUND;
    }

    private static boolean isLookup(RunwareError error) {
        return "getResponse".equals(error.taskType()) || "getTaskDetails".equals(error.taskType());
    }

    private static void addOnce(List<String> uuids, String uuid) {
        if (uuid != null && !uuids.contains(uuid)) {
            uuids.add(uuid);
        }
    }

    /** The status of one task from its items and its errors (not the lookup's), at least one of them. */
    private static TaskStatus statusOf(String uuid, List<ResponseItem> items, List<RunwareError> errors,
                                       int errorStatus) {
        List<VideoItem> videos = new ArrayList<>();
        List<FailedResult> failures = new ArrayList<>();
        Integer progress = null;
        boolean pending = false;
        for (ResponseItem item : items) {
            if (item.isVideo()) {
                videos.add(item.video());
            } else if (item.state() == TaskState.ERROR) {
                RunwareError error = item.error() != null
                        ? item.error()
                        : RunwareError.of(null, "result failed", uuid);
                failures.add(new FailedResult(item.resultIndex(),
                        RunwareException.from(error.about(item.taskType(), uuid), errorStatus)));
            } else {
                pending = true;
                if (item.progress() != null) {
                    progress = Math.max(progress == null ? 0 : progress, item.progress().intValue());
                }
            }
        }
        RunwareException notFound = null;
        for (RunwareError error : errors) {
            RunwareException failure = RunwareException.from(error, errorStatus);
            if (failure.family() == ErrorFamily.NOT_FOUND && notFound == null) {
                notFound = failure;
            } else {
                failures.add(new FailedResult(error.resultIndex(), failure));
            }
        }
        if (notFound != null) {
            if (videos.isEmpty() && failures.isEmpty() && !pending) {
                return new TaskStatus(uuid, TaskState.NOT_FOUND, null, List.of(), List.of(), notFound);
            }
            failures.add(new FailedResult(notFound.error() == null ? null : notFound.error().resultIndex(), notFound));
        }
        TaskState state = pending
                ? TaskState.PROCESSING
                : !videos.isEmpty()
                        ? TaskState.SUCCESS
                        : TaskState.ERROR;
        RunwareException error = state == TaskState.ERROR ? failures.get(0).error() : null;
        return new TaskStatus(uuid, state, progress, videos, failures, error);
    }
}
