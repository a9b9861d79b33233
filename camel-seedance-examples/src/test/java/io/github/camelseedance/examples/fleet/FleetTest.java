package io.github.camelseedance.examples.fleet;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.simulator.video.SyntheticVideoSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of the fleet example, each in its own JVM, share 300 prompts through an Artemis queue and a
 * PostgreSQL task store; one is killed with SIGKILL mid-render, then a second one. Every prompt is billed once (the
 * simulator's submissions per task UUID derived from the prompt id) and stored once: 300 objects, each with the bytes
 * the simulator served.
 */
class FleetTest extends FleetTestSupport {

    private static final int PROMPTS = 300;
    private static final long VIDEO_BYTES = 16 * 1024;
    private static final Duration LEASE = Duration.ofSeconds(3);

    /** The instances' logs, kept in the build folder for a look after a failed run. */
    private final Path logs = FleetInstance.logFolder("fleet");

    @Test
    void twoOfThreeInstancesKilledMidRenderEveryPromptBilledAndDeliveredOnce() throws Exception {
        servers = new FleetServers(Duration.ofSeconds(3), Duration.ofSeconds(2), VIDEO_BYTES);
        Map<String, String> properties = servers.instanceProperties(LEASE);
        for (int i = 1; i <= 3; i++) {
            instances.add(FleetInstance.start("fleet-" + i, logs, properties));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> instances.stream().allMatch(FleetTestSupport::started));
        List<String> promptIds = IntStream.rangeClosed(1, PROMPTS).mapToObj(i -> "prompt-" + i).toList();
        long sent = System.nanoTime();
        servers.sendPrompts(promptIds);

        Map<String, Long> adoption = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> servers.videos().size() >= 20
                                                           && servers.tasksHeldBy("fleet-1") > 0);
        adoption.put("fleet-1", killAndAwaitAdoption(instances.get(0)));
        await().atMost(Duration.ofSeconds(90)).until(() -> servers.videos().size() >= 150
                                                           && servers.tasksHeldBy("fleet-2") > 0);
        adoption.put("fleet-2", killAndAwaitAdoption(instances.get(1)));
        awaitAllStored(promptIds, Duration.ofSeconds(120));
        long makespan = Duration.ofNanos(System.nanoTime() - sent).toMillis();

        report(adoption, makespan);
        assertThat(servers.simulator.requests().billedTasks()).isEqualTo(PROMPTS);
        assertThat(servers.simulator.requests().conflicts()).isZero();
        for (String promptId : promptIds) {
            assertThat(servers.simulator.requests().submissions(IdempotentTaskUUID.of(promptId))).as(promptId)
                    .isEqualTo(1);
        }
        Set<String> keys = servers.videos().stream().map(S3Object::key).collect(Collectors.toSet());
        assertThat(keys).hasSize(PROMPTS).containsAll(promptIds.stream()
                .map(id -> keyOf(IdempotentTaskUUID.of(id))).toList());
        for (String key : keys) {
            assertThat(storedBytesMatchTheSimulator(key)).as(key).isTrue();
        }
    }

    /** Kills an instance and answers how long it took until no task was held by it any more (adopted or delivered). */
    private long killAndAwaitAdoption(FleetInstance instance) throws Exception {
        int held = servers.tasksHeldBy(instance.name);
        long killed = System.nanoTime();
        instance.kill();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> servers.tasksHeldBy(instance.name) == 0);
        long millis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
        System.out.printf("Killed %s holding %d task(s) mid-render: all adopted %d ms later (lease %d ms)%n",
                instance.name, held, millis, LEASE.toMillis());
        return millis;
    }

    private void report(Map<String, Long> adoption, long makespan) throws Exception {
        Map<String, Integer> perInstance = new LinkedHashMap<>();
        for (FleetInstance instance : instances) {
            perInstance.put(instance.name, instance.distinctStored().size());
        }
        long storedTwice = storesPerKey().values().stream().filter(count -> count > 1).count();
        System.out.printf("Fleet of 3, %d prompts, lease %d ms: done in %d ms; adoption after each kill %s; "
                          + "videos stored per instance %s; keys stored more than once (same object) %d%n",
                PROMPTS, LEASE.toMillis(), makespan, adoption, perInstance, storedTwice);
    }

    private boolean storedBytesMatchTheSimulator(String key) throws Exception {
        var object = servers.s3Client.getObject(b -> b.bucket(FleetServers.BUCKET).key(key));
        try (object) {
            String videoUUID = object.response().metadata().get(FleetRoutes.VIDEO_METADATA);
            byte[] stored = object.readAllBytes();
            try (InputStream served = new SyntheticVideoSource().open(videoUUID, VIDEO_BYTES)) {
                return java.util.Arrays.equals(stored, served.readAllBytes());
            }
        }
    }
}
