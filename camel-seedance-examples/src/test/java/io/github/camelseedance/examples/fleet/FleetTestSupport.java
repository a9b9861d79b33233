package io.github.camelseedance.examples.fleet;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;

import static org.awaitility.Awaitility.await;

/** What the fleet tests share: the servers, the instances, and counting what each stored. */
abstract class FleetTestSupport {

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
    void awaitAllStored(int prompts, Duration atMost) {
        try {
            await().atMost(atMost).until(() -> servers.videos().size() == prompts && servers.queuedPrompts() == 0
                                               && servers.tasksInStore() == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Not every prompt was stored within " + atMost + ": " + servers.state(), e);
        }
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
