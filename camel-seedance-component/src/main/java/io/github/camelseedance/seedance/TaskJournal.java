package io.github.camelseedance.seedance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelseedance.runware.TaskStatus;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks in flight, kept in a Camel {@link StateRepository}: each task under its UUID, and an index of them all
 * (state repositories cannot list their keys). A task is recorded before its submit is sent, so that no billed task
 * is forgotten, and removed once its videos are delivered.
 */
final class TaskJournal {

    private static final Logger LOG = LoggerFactory.getLogger(TaskJournal.class);
    private static final String INDEX = "camel-seedance.tasks-in-flight";
    private static final String DELIVERED = "#delivered";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateRepository<String, String> repository;

    TaskJournal(StateRepository<String, String> repository) {
        this.repository = repository;
    }

    synchronized void record(TaskRecord task) {
        repository.setState(task.taskUUID(), write(task));
        Set<String> index = index();
        if (index.add(task.taskUUID())) {
            repository.setState(INDEX, String.join(",", index));
        }
    }

    synchronized void remove(String taskUUID) {
        Set<String> index = index();
        if (index.remove(taskUUID)) {
            repository.setState(INDEX, String.join(",", index));
        }
        repository.setState(taskUUID, "");
        repository.setState(taskUUID + DELIVERED, "");
    }

    /** How many videos of the task were delivered so far. */
    synchronized int deliveredCount(String taskUUID) {
        return split(repository.getState(taskUUID + DELIVERED)).size();
    }

    /** Adds the videos of a status to those of the task already delivered, and answers them all. */
    synchronized List<String> markDelivered(String taskUUID, TaskStatus status) {
        Set<String> delivered = split(repository.getState(taskUUID + DELIVERED));
        status.items().forEach(item -> delivered.add(
                item.videoUUID() != null ? item.videoUUID() : String.valueOf(item.videoURL())));
        repository.setState(taskUUID + DELIVERED, String.join(",", delivered));
        return new ArrayList<>(delivered);
    }

    synchronized TaskRecord get(String taskUUID) {
        String value = repository.getState(taskUUID);
        return value == null || value.isEmpty() ? null : read(taskUUID, value);
    }

    /** Every task recorded and not yet delivered. */
    synchronized List<TaskRecord> inFlight() {
        List<TaskRecord> tasks = new ArrayList<>();
        for (String uuid : index()) {
            TaskRecord task = get(uuid);
            if (task != null) {
                tasks.add(task);
            }
        }
        return tasks;
    }

    private Set<String> index() {
        return split(repository.getState(INDEX));
    }

    private static Set<String> split(String value) {
        Set<String> values = new LinkedHashSet<>();
        if (value != null && !value.isBlank()) {
            values.addAll(Arrays.asList(value.split(",")));
        }
        return values;
    }

    private static String write(TaskRecord task) {
        try {
            return JSON.writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record task " + task.taskUUID(), e);
        }
    }

    private static TaskRecord read(String taskUUID, String value) {
        try {
            return JSON.readValue(value, TaskRecord.class);
        } catch (JsonProcessingException e) {
            LOG.warn("Ignoring the unreadable record of task {}: {}", taskUUID, e.getOriginalMessage());
            return null;
        }
    }
}
