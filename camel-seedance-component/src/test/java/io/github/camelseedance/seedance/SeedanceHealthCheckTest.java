package io.github.camelseedance.seedance;

import java.util.Collection;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The producer's readiness check reports the tasks in flight, and goes down while polls of Runware fail.
 */
class SeedanceHealthCheckTest extends SeedanceTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        DefaultHealthCheckRegistry registry = new DefaultHealthCheckRegistry();
        registry.setCamelContext(context);
        context.getCamelContextExtension().addContextPlugin(org.apache.camel.health.HealthCheckRegistry.class,
                registry);
        return context;
    }

    @Test
    void readinessFollowsThePollsOfRunware() {
        // producer health checks are off by default in Camel (camel.health.producers-enabled)
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        template.requestBody("seedance:generate", "A tidal wave of tulips");
        await().until(() -> !producerChecks().isEmpty()
                            && producerChecks().stream().allMatch(r -> r.getState() == HealthCheck.State.UP));
        assertThat(producerChecks().get(0).getDetails()).containsKeys("tasksInFlight", "pollRequests")
                .containsEntry("batchPolling", true).containsEntry("incompleteBatchAnswers", 0L);

        template.asyncRequestBody("seedance:generate", "A storm that will not pass");
        await().until(() -> SIMULATOR.requests().billedTasks() == 2);
        SIMULATOR.faults().httpErrorRate(503, 1.0);
        await().until(() -> producerChecks().stream().anyMatch(r -> r.getState() == HealthCheck.State.DOWN));

        SIMULATOR.faults().clear();
        await().until(() -> producerChecks().stream().allMatch(r -> r.getState() == HealthCheck.State.UP));
    }

    private List<HealthCheck.Result> producerChecks() {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context);
        return results.stream().filter(r -> r.getCheck().getId().startsWith("producer:seedance")).toList();
    }
}
