package io.github.camelseedance.examples.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.simulator.WebhookCall;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks reach an instance that does not hold the task (each instance's public webhook URL is the next instance's,
 * as a load balancer may pick any), and one instance is killed between its submits and their webhooks: every result
 * is stored exactly once. The renders end only when the test completes them, after the kill: a kill that landed while
 * the instance was writing a video would repeat that one delivery, which the fleet documents (and FleetTest counts),
 * so it must not depend on how fast the instances submitted.
 */
class FleetWebhookTest extends FleetTestSupport {

    private static final int PROMPTS = 60;
    private static final Duration LEASE = Duration.ofSeconds(3);
    /** Longer than the test: no render ends before the test completes them all. */
    private static final Duration RENDER = Duration.ofMinutes(10);
    private static final String TOKEN = "fleet-webhook-token";

    private final Path logs = FleetInstance.logFolder("webhook");

    @Test
    void webhooksToAnInstanceNotHoldingTheTaskAreDeliveredOnceAlsoWhenOneInstanceDies() throws Exception {
        servers = new FleetServers(RENDER, Duration.ofSeconds(1), 4096);
        int[] ports = { FleetServers.freePort(), FleetServers.freePort(), FleetServers.freePort() };
        for (int i = 0; i < 3; i++) {
            Map<String, String> properties = servers.instanceProperties(LEASE);
            properties.put("fleet.concurrent-consumers", "20");
            properties.put("camel.server.enabled", "true");
            properties.put("camel.server.port", Integer.toString(ports[i]));
            properties.put("camel.component.seedance.webhook-public-url",
                    "http://127.0.0.1:" + ports[(i + 1) % 3] + "/seedance/webhook");
            properties.put("camel.component.seedance.webhook-token", TOKEN);
            properties.put("camel.component.seedance.webhook-grace-period", "8000");
            instances.add(FleetInstance.start("wh-" + (i + 1), logs, properties));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> instances.stream().allMatch(FleetTestSupport::started));
        List<String> promptIds = IntStream.rangeClosed(1, PROMPTS).mapToObj(i -> "webhook-" + i).toList();
        servers.sendPrompts(promptIds);
        // 20 consumers on each of the 3 instances: each takes a third of the prompts
        await().atMost(Duration.ofSeconds(30)).until(() -> servers.simulator.requests().billedTasks() == PROMPTS
                                                           && servers.tasksHeldBy("wh-1") > 0);
        int heldByKilled = servers.tasksHeldBy("wh-1");
        assertThat(heldByKilled).as("the kill must land between submits and webhooks").isPositive();
        instances.get(0).kill();
        assertThat(servers.simulator.requests().webhookCalls()).as("webhooks sent before the renders were completed")
                .isEmpty();
        servers.simulator.completeAll();

        awaitAllStored(promptIds, Duration.ofSeconds(90));

        assertThat(storesPerKey()).hasSize(PROMPTS).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        for (String promptId : promptIds) {
            assertThat(servers.simulator.requests().submissions(IdempotentTaskUUID.of(promptId))).isEqualTo(1);
        }
        List<WebhookCall> answered = servers.simulator.requests().webhookCalls().stream()
                .filter(call -> call.status() == 200).toList();
        assertThat(answered).as("webhooks taken by an instance that did not hold the task").isNotEmpty();
        System.out.printf("Webhook fleet: %d prompts, the killed instance held %d; %d webhook call(s) answered 200 "
                          + "by an instance that did not submit the task; every video stored once%n",
                PROMPTS,
                heldByKilled, answered.size());
    }

}
