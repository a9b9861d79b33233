package io.github.camelseedance.runware.model;

import java.util.List;
import java.util.Map;

/**
 * What {@code getTaskDetails} answers for a past task: the request as it was sent and its response, also once
 * {@code getResponse} has forgotten the task.
 *
 * @param taskUUID the task
 * @param request  the task objects of the original request
 * @param status   the task's state as its response shows it
 */
public record TaskDetails(String taskUUID, List<Map<String, Object>> request, TaskStatus status) {

    /** Copies the request so the details are immutable. */
    public TaskDetails {
        request = request == null ? List.of() : List.copyOf(request);
    }
}
