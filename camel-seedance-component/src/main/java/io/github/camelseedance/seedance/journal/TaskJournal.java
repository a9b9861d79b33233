package io.github.camelseedance.seedance.journal;

import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.TaskStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks in flight, kept in a Camel {@link StateRepository}. State repositories cannot list their keys, so each
 * task also takes a numbered slot ({@code camel-seedance.slot.N} holds its UUID, {@code camel-seedance.slots} the
 * number of slots); freed slots are reused, so every change writes a few small values whatever the number of tasks.
 * A task is recorded before its submit is sent, so that no billed task is forgotten, and removed once its videos are
 * delivered.
 */
public final class TaskJournal {

    private static final Logger LOG = LoggerFactory.getLogger(TaskJournal.class);
    private static final String SLOTS = "camel-seedance.slots";
    private static final String SLOT = "camel-seedance.slot.";
    private static final String DELIVERED = "#delivered";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateRepository<String, String> repository;
    private final Map<String, Integer> slotOf = new LinkedHashMap<>();
    private final Deque<Integer> freeSlots = new ArrayDeque<>();
    private int slots;

    /** Reads the slots of a repository that may hold the tasks of a previous run. */
    public TaskJournal(StateRepository<String, String> repository) {
        this.repository = repository;
        String count = repository.getState(SLOTS);
        slots = count == null || count.isBlank() ? 0 : Integer.parseInt(count.trim());
        for (int slot = 0; slot < slots; slot++) {
            String uuid = repository.getState(SLOT + slot);
            if (uuid == null || uuid.isEmpty()) {
                freeSlots.add(slot);
            } else {
                slotOf.put(uuid, slot);
            }
        }
    }

    public synchronized void record(TaskRecord task) {
        repository.setState(task.taskUUID(), write(task));
        if (!slotOf.containsKey(task.taskUUID())) {
            Integer slot = freeSlots.poll();
            if (slot == null) {
                slot = slots++;
                repository.setState(SLOTS, Integer.toString(slots));
            }
            repository.setState(SLOT + slot, task.taskUUID());
            slotOf.put(task.taskUUID(), slot);
        }
    }

    public synchronized void remove(String taskUUID) {
        Integer slot = slotOf.remove(taskUUID);
        if (slot != null) {
            repository.setState(SLOT + slot, "");
            freeSlots.add(slot);
        }
        repository.setState(taskUUID, "");
        repository.setState(taskUUID + DELIVERED, "");
    }

    public synchronized TaskRecord get(String taskUUID) {
        String value = repository.getState(taskUUID);
        return value == null || value.isEmpty() ? null : read(taskUUID, value);
    }

    /** Every task recorded and not yet delivered. */
    public synchronized List<TaskRecord> inFlight() {
        List<TaskRecord> tasks = new ArrayList<>();
        for (String uuid : slotOf.keySet()) {
            TaskRecord task = get(uuid);
            if (task != null) {
                tasks.add(task);
            }
        }
        return tasks;
    }

    /** How many videos of the task were delivered so far. */
    public synchronized int deliveredCount(String taskUUID) {
        return split(repository.getState(taskUUID + DELIVERED)).size();
    }

    /** Adds the videos of a status to those of the task already delivered, and answers them all. */
    public synchronized List<String> markDelivered(String taskUUID, TaskStatus status) {
        Set<String> delivered = split(repository.getState(taskUUID + DELIVERED));
        status.items().forEach(item -> delivered.add(
                item.videoUUID() != null ? item.videoUUID() : String.valueOf(item.videoURL())));
        repository.setState(taskUUID + DELIVERED, String.join(",", delivered));
        return new ArrayList<>(delivered);
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
