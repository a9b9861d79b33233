package io.github.camelseedance.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers the tasks of one authenticated API request, each on its own: {@code authentication},
 * {@code videoInference} (submit or dry run), {@code getResponse}, {@code getTaskDetails}, {@code mediaStorage}
 * and the deprecated {@code imageUpload}. Several getResponse tasks in one request are treated as the
 * {@link GetResponseBatching} setting says.
 */
final class ApiRequestProcessor {

    static final List<String> TASK_TYPES = List.of("authentication", "videoInference", "getResponse",
            "getTaskDetails", "mediaStorage", "imageUpload");

    private final VideoInferenceValidator validator;
    private final VideoTaskRunner runner;
    private final MediaUploads uploads;
    private final RequestJournal journal;
    private final ProtocolSettings settings;

    ApiRequestProcessor(VideoInferenceValidator validator, VideoTaskRunner runner, MediaUploads uploads,
                        RequestJournal journal, ProtocolSettings settings) {
        this.validator = validator;
        this.runner = runner;
        this.uploads = uploads;
        this.journal = journal;
        this.settings = settings;
    }

    ApiAnswer process(List<Map<String, Object>> tasks, boolean dryRun, String sessionUUID) {
        int polls = (int) tasks.stream().filter(t -> "getResponse".equals(t.get("taskType"))).count();
        if (polls > 0) {
            journal.recordGetResponseRequest(polls);
        }
        if (polls > 1 && settings.batching() == GetResponseBatching.REJECT) {
            journal.recordUnansweredGetResponses(polls);
            return ApiAnswer.refusal(400, RunwareError.of(ErrorCodes.UNSUPPORTED_GET_RESPONSE_BATCH,
                    "This request carries " + polls + " getResponse tasks; send one getResponse per request.")
                    .parameter("taskType"));
        }
        ApiAnswer answer = new ApiAnswer();
        long now = System.nanoTime();
        boolean polled = false;
        for (Map<String, Object> task : tasks) {
            Object taskType = task.get("taskType");
            Object taskUUID = task.get("taskUUID");
            try {
                switch (String.valueOf(taskType)) {
                    case "authentication" -> answer.data(Map.of("taskType", "authentication",
                            "connectionSessionUUID", sessionUUID));
                    case "videoInference" -> submit(task, dryRun, answer);
                    case "getResponse" -> {
                        if (polled && settings.batching() == GetResponseBatching.FIRST_ONLY) {
                            journal.recordUnansweredGetResponses(1);
                        } else {
                            poll(task, now, answer);
                        }
                        polled = true;
                    }
                    case "getTaskDetails" -> details(task, now, answer);
                    case "mediaStorage" -> answer.data(uploads.mediaStorage(task));
                    case "imageUpload" -> answer.data(uploads.imageUpload(task));
                    default -> throw unsupported(taskType);
                }
            } catch (InvalidTaskException e) {
                answer.error(e.error().task(taskType instanceof String s ? s : null,
                        taskUUID instanceof String s ? s : null));
            }
        }
        return answer;
    }

    private void submit(Map<String, Object> task, boolean dryRun, ApiAnswer answer) {
        if (!dryRun) {
            journal.recordSubmission(String.valueOf(task.get("taskUUID")));
        }
        ValidatedVideoTask valid = validator.validate(task);
        if (runner.isKnown(valid.taskUUID())) {
            throw conflict(dryRun);
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("taskType", "videoInference");
        item.put("taskUUID", valid.taskUUID());
        if (dryRun) {
            item.put("cost", valid.cost());
            item.put("status", "dryRun");
        } else {
            if (!runner.start(valid, task)) {
                throw conflict(false);
            }
            journal.recordBilledTask();
        }
        answer.data(item);
    }

    private InvalidTaskException conflict(boolean dryRun) {
        if (!dryRun) {
            journal.recordConflict();
        }
        return TaskFields.invalid(ErrorCodes.CONFLICT_TASK_UUID, "taskUUID", "taskUUID already exists");
    }

    private void poll(Map<String, Object> task, long now, ApiAnswer answer) {
        String taskUUID = lookedUp(task);
        VideoTask video = runner.find(taskUUID).orElseThrow(() -> notFound(taskUUID));
        VideoTask.PollAnswer poll = video.poll(now, settings);
        poll.data().forEach(answer::data);
        poll.errors().forEach(answer::error);
    }

    private void details(Map<String, Object> task, long now, ApiAnswer answer) {
        journal.recordTaskDetailsCall();
        String taskUUID = lookedUp(task);
        VideoTask video = runner.findDetails(taskUUID).orElseThrow(() -> notFound(taskUUID));
        answer.data(video.details(now, settings));
    }

    /** The taskUUID a getResponse or getTaskDetails task asks about. */
    private static String lookedUp(Map<String, Object> task) {
        TaskFields fields = new TaskFields(task, "");
        fields.rejectUnknown(Set.of("taskType", "taskUUID"));
        return fields.requiredString("taskUUID");
    }

    private InvalidTaskException notFound(String taskUUID) {
        return TaskFields.invalid(settings.taskNotFoundCode(), "taskUUID",
                "No task with taskUUID '" + taskUUID + "': it was never submitted or it expired.");
    }

    private static InvalidTaskException unsupported(Object taskType) {
        if (taskType == null) {
            return TaskFields.missing("taskType");
        }
        return new InvalidTaskException(RunwareError.of(ErrorCodes.UNSUPPORTED_TASK_TYPE,
                "Unsupported taskType '" + taskType + "'. Supported: " + TASK_TYPES)
                .parameter("taskType").allowedValues(TASK_TYPES));
    }
}
