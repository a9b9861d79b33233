package io.github.camelseedance.runware.internal;

import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the answer to a batch of {@code getResponse} tasks into one {@link TaskStatus} per uuid. Data items and
 * errors are matched by {@code taskUUID}; a uuid the answer does not mention stays {@code PROCESSING} (no progress).
 */
public final class TaskStatusReader {

    private static final String TASK_NOT_FOUND = "taskNotFound";

    private TaskStatusReader() {
    }

    /**
     * Reads the statuses.
     *
     * @throws RunwareException when the answer is a request-level failure (an error about none of the uuids, or an
     *                          HTTP error status with nothing about them)
     */
    public static Map<String, TaskStatus> read(RunwareResponse response, Collection<String> taskUUIDs) {
        boolean mentionsAny = response.data().stream().anyMatch(d -> d.get("taskUUID") != null
                && taskUUIDs.contains(Json.string(d.get("taskUUID"))))
                || response.errors().stream().anyMatch(e -> e.taskUUID() != null && taskUUIDs.contains(e.taskUUID()));
        if (!mentionsAny && (response.httpStatus() >= 400 || !response.errors().isEmpty())) {
            RunwareError first = response.errors().isEmpty() ? null : response.errors().get(0);
            throw RunwareException.from(first, response.httpStatus());
        }
        int taskErrorStatus = response.httpStatus() >= 400 ? response.httpStatus() : 0;
        Map<String, TaskStatus> statuses = new LinkedHashMap<>();
        for (String uuid : taskUUIDs) {
            statuses.put(uuid, statusOf(uuid, response, taskErrorStatus));
        }
        return statuses;
    }

    private static TaskStatus statusOf(String uuid, RunwareResponse response, int errorStatus) {
        List<VideoItem> finished = new ArrayList<>();
        Integer progress = null;
        boolean processing = false;
        RunwareError itemError = null;
        for (Map<String, Object> item : response.data()) {
            if (!uuid.equals(Json.string(item.get("taskUUID")))) {
                continue;
            }
            String status = Json.string(item.get("status"));
            if ("error".equals(status)) {
                Map<String, Object> embedded = Json.object(item.get("error"));
                itemError = RunwareError.fromMap(embedded != null ? withTask(embedded, uuid) : item);
            } else if ("processing".equals(status) || "pending".equals(status)) {
                processing = true;
                Long reported = Json.longValue(item.get("progress"));
                if (reported != null) {
                    progress = Math.max(progress == null ? 0 : progress, reported.intValue());
                }
            } else if ("success".equals(status) || item.containsKey("videoURL") || item.containsKey("videoUUID")) {
                finished.add(videoItem(item));
            }
        }
        Optional<RunwareError> error = response.errors().stream().filter(e -> uuid.equals(e.taskUUID())).findFirst();
        if (error.isPresent() && TASK_NOT_FOUND.equals(error.get().code())) {
            return new TaskStatus(uuid, TaskState.NOT_FOUND, null, finished,
                    RunwareException.from(error.get(), errorStatus));
        }
        RunwareError failure = error.orElse(itemError);
        if (failure != null) {
            return new TaskStatus(uuid, TaskState.ERROR, progress, finished, RunwareException.from(failure, errorStatus));
        }
        TaskState state = !processing && !finished.isEmpty() ? TaskState.SUCCESS : TaskState.PROCESSING;
        return new TaskStatus(uuid, state, progress, finished, null);
    }

    private static Map<String, Object> withTask(Map<String, Object> error, String uuid) {
        if (error.containsKey("taskUUID")) {
            return error;
        }
        Map<String, Object> copy = new LinkedHashMap<>(error);
        copy.put("taskUUID", uuid);
        return copy;
    }

    private static VideoItem videoItem(Map<String, Object> item) {
        String url = Json.string(item.get("videoURL"));
        Object nsfw = item.containsKey("NSFWContent") ? item.get("NSFWContent") : item.get("nsfwContent");
        return new VideoItem(Json.string(item.get("taskUUID")), Json.string(item.get("videoUUID")),
                url == null ? null : URI.create(url), Json.longValue(item.get("seed")), Json.decimal(item.get("cost")),
                Json.bool(nsfw), Collections.unmodifiableMap(new LinkedHashMap<>(item)));
    }
}
