package io.github.camelseedance.examples.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance paused with SIGSTOP while its tasks render loses their leases; the other instance adopts and stores
 * them. Resumed with SIGCONT, the paused instance does not store any task the other one adopted.
 */
class FleetLeaseTest extends FleetTestSupport {

    private static final int PROMPTS = 20;
    private static final Duration LEASE = Duration.ofSeconds(3);
    /** Longer than the test: no render ends before the test completes them all, once the instance is paused. */
    private static final Duration RENDER = Duration.ofMinutes(10);

    private final Path logs = FleetInstance.logFolder("lease");

    @Test
    void aPausedInstanceDoesNotDeliverTheTasksAnotherOneAdopted() throws Exception {
        servers = new FleetServers(RENDER, Duration.ofMillis(500), 4096);
        Map<String, String> properties = servers.instanceProperties(LEASE);
        properties.put("fleet.concurrent-consumers", "10");
        FleetInstance paused = FleetInstance.start("paused", logs, properties);
        FleetInstance adopter = FleetInstance.start("adopter", logs, properties);
        instances.addAll(List.of(paused, adopter));
        await().atMost(Duration.ofSeconds(90)).until(() -> paused.started() && adopter.started());
        List<String> promptIds = IntStream.rangeClosed(1, PROMPTS).mapToObj(i -> "lease-" + i).toList();
        servers.sendPrompts(promptIds);
        await().atMost(Duration.ofSeconds(30)).until(() -> servers.simulator.requests().billedTasks() == PROMPTS);
        Set<String> heldByPaused = servers.taskUUIDsHeldBy(paused.name);
        assertThat(heldByPaused).as("the pause must land while the paused instance holds tasks").isNotEmpty();

        paused.signal("STOP");
        // a pause that landed while the instance was writing a video would let it finish that write after the
        // adopter's (a documented limit): the renders end only now
        assertThat(servers.videos()).as("videos stored before the pause").isEmpty();
        servers.simulator.completeAll();
        await().atMost(Duration.ofSeconds(30)).until(() -> adopter.distinctStored().size() >= heldByPaused.size() + 1
                                                           && storedBy(adopter).containsAll(keys(heldByPaused)));
        paused.signal("CONT");
        awaitAllStored(promptIds, Duration.ofSeconds(60));
        // the resumed instance polls its overdue tasks at once: for a whole lease it must not store one of them
        await().during(LEASE).atMost(LEASE.plusSeconds(10))
                .until(() -> storedBy(paused).stream().noneMatch(keys(heldByPaused)::contains));
        assertThat(storedBy(paused)).as("stored by the paused instance after it lost the leases")
                .doesNotContainAnyElementsOf(keys(heldByPaused));
        assertThat(storesPerKey()).hasSize(PROMPTS).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        for (String promptId : promptIds) {
            assertThat(servers.simulator.requests().submissions(IdempotentTaskUUID.of(promptId))).isEqualTo(1);
        }
        // it notices it lost them: adopted (the adopter still delivering) or delivered by the adopter meanwhile
        assertThat(paused.logText()).containsPattern("is no longer leased to instance paused|was delivered by instance "
                                                     + "adopter while this exchange waited for it");
        System.out.printf("Paused instance held %d task(s); the adopter stored them all, the paused one none of them "
                          + "after SIGCONT%n",
                heldByPaused.size());
    }

    private static Set<String> storedBy(FleetInstance instance) throws java.io.IOException {
        return instance.distinctStored();
    }

    private static Set<String> keys(Set<String> taskUUIDs) {
        Set<String> keys = new HashSet<>();
        taskUUIDs.forEach(uuid -> keys.add(keyOf(uuid)));
        return keys;
    }
}
