package io.github.camelseedance.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers the tasks of one authenticated API request, each on its own: {@code authentication},
 * {@code videoInference} (submit or dry run), {@code getResponse}, {@code imageUpload} and {@code mediaStorage}.
 */
final class ApiRequestProcessor {

    static final List<String> TASK_TYPES = List.of("authentication", "videoInference", "getResponse",
            "imageUpload", "mediaStorage");

    private final VideoInferenceValidator validator;
    private final VideoTaskRunner runner;
    private final MediaUploads uploads;
    private final RequestJournal journal;

    ApiRequestProcessor(VideoInferenceValidator validator, VideoTaskRunner runner, MediaUploads uploads,
                        RequestJournal journal) {
        this.validator = validator;
        this.runner = runner;
        this.uploads = uploads;
        this.journal = journal;
    }

    ApiAnswer process(List<Map<String, Object>> tasks, boolean dryRun, String sessionUUID) {
        ApiAnswer answer = new ApiAnswer();
        long now = System.nanoTime();
        for (Map<String, Object> task : tasks) {
            Object taskType = task.get("taskType");
            Object taskUUID = task.get("taskUUID");
            try {
                switch (String.valueOf(taskType)) {
                    case "authentication" -> answer.data(Map.of("taskType", "authentication",
                            "connectionSessionUUID", sessionUUID));
                    case "videoInference" -> submit(task, dryRun, answer);
                    case "getResponse" -> poll(task, now, answer);
                    case "imageUpload" -> answer.data(uploads.imageUpload(task));
                    case "mediaStorage" -> answer.data(uploads.mediaStorage(task));
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
            throw duplicate(valid.taskUUID(), dryRun);
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("taskType", "videoInference");
        item.put("taskUUID", valid.taskUUID());
        if (dryRun) {
            item.put("cost", valid.cost());
            item.put("status", "dryRun");
        } else {
            if (!runner.start(valid)) {
                throw duplicate(valid.taskUUID(), false);
            }
            journal.recordBilledTask();
        }
        answer.data(item);
    }

    private InvalidTaskException duplicate(String taskUUID, boolean dryRun) {
        if (!dryRun) {
            journal.recordDuplicateSubmit();
        }
        return TaskFields.invalid(ErrorCodes.DUPLICATE_TASK_UUID, "taskUUID",
                "A task with taskUUID '" + taskUUID + "' was already submitted; each task needs its own UUID.");
    }

    private void poll(Map<String, Object> task, long now, ApiAnswer answer) {
        TaskFields fields = new TaskFields(task, "");
        fields.rejectUnknown(Set.of("taskType", "taskUUID"));
        String taskUUID = fields.requiredString("taskUUID");
        VideoTask video = runner.find(taskUUID).orElseThrow(() -> TaskFields.invalid(ErrorCodes.TASK_NOT_FOUND,
                "taskUUID", "No task with taskUUID '" + taskUUID + "': it was never submitted or it expired."));
        VideoTask.PollAnswer poll = video.poll(now);
        poll.data().forEach(answer::data);
        if (poll.error() != null) {
            answer.error(poll.error());
        }
    }

    private static InvalidTaskException unsupported(Object taskType) {
        if (taskType == null) {
            return TaskFields.invalid(ErrorCodes.MISSING_PARAMETER, "taskType", "Missing required parameter 'taskType'.");
        }
        return new InvalidTaskException(RunwareError.of(ErrorCodes.UNSUPPORTED_TASK_TYPE,
                        "Unsupported taskType '" + taskType + "'. Supported: " + TASK_TYPES)
                .parameter("taskType").allowedValues(TASK_TYPES));
    }
}
