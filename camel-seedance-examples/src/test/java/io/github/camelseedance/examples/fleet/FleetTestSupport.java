package io.github.camelseedance.examples.fleet;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.awaitility.Awaitility.await;

/** What the fleet tests share: the servers, the instances, and counting what each stored. */
abstract class FleetTestSupport {

    /** How many prompts without a video a failure message shows in detail. */
    private static final int MISSING_SHOWN = 10;

    FleetServers servers;
    final List<FleetInstance> instances = new ArrayList<>();

    @AfterEach
    void stopFleet() throws Exception {
        for (FleetInstance instance : instances) {
            instance.signal("CONT");
            instance.stop();
        }
        if (servers != null) {
            servers.close();
        }
    }

    static boolean started(FleetInstance instance) {
        try {
            return instance.started();
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until every prompt was stored and nothing is left in the queue or the task store. */
    void awaitAllStored(List<String> promptIds, Duration atMost) {
        try {
            await().atMost(atMost).until(() -> servers.videos().size() == promptIds.size()
                                               && servers.queuedPrompts() == 0 && servers.tasksInStore() == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Not every prompt was stored within " + atMost + ": " + servers.state()
                                     + missing(promptIds),
                    e);
        }
    }

    /** The S3 key of a task's video, as the fleet example names it (its default {@code fleet.key-prefix}). */
    static String keyOf(String taskUUID) {
        return "videos/" + taskUUID + ".mp4";
    }

    /**
     * The prompts whose video is not in the bucket: the first few, each with its task's row and what the instances
     * logged of it (each log read once).
     */
    private String missing(List<String> promptIds) {
        StringBuilder missing = new StringBuilder();
        try {
            Set<String> keys = servers.videos().stream().map(S3Object::key).collect(Collectors.toSet());
            List<String> without = promptIds.stream().filter(id -> !keys.contains(keyOf(IdempotentTaskUUID.of(id))))
                    .toList();
            missing.append("\n").append(without.size()).append(" prompt(s) without a video");
            Map<String, List<String>> logs = new HashMap<>();
            for (FleetInstance instance : instances) {
                logs.put(instance.name, instance.logText().lines().toList());
            }
            for (String promptId : without.subList(0, Math.min(without.size(), MISSING_SHOWN))) {
                String taskUUID = IdempotentTaskUUID.of(promptId);
                missing.append("\nno video for ").append(promptId).append(", task ").append(servers.row(taskUUID));
                logs.forEach((instance, lines) -> lines.stream()
                        .filter(line -> line.contains(taskUUID) || line.contains(promptId))
                        .forEach(line -> missing.append("\n  ").append(instance).append(": ").append(line)));
            }
        } catch (Exception e) {
            missing.append(" (").append(e).append(')');
        }
        return missing.toString();
    }

    /** How often each S3 key was stored, by all instances together. */
    Map<String, Integer> storesPerKey() throws IOException {
        Map<String, Integer> stores = new HashMap<>();
        for (FleetInstance instance : instances) {
            instance.stored().forEach(key -> stores.merge(key, 1, Integer::sum));
        }
        return stores;
    }
}
