package io.github.camelseedance.seedance;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import io.github.camelseedance.runware.error.RunwareAuthenticationException;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The producer's readiness check reports the tasks in flight, and goes down, with the reason in its message and
 * details, while polls of Runware fail, while Runware refuses the API key, and while the budget of the period is
 * spent.
 */
class SeedanceHealthCheckTest extends SeedanceTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        DefaultHealthCheckRegistry registry = new DefaultHealthCheckRegistry();
        registry.setCamelContext(context);
        registry.setExposureLevel("full"); // every check, not only the ones down
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

    @Test
    void readinessIsDownWhileRunwareRefusesTheApiKeyWithTheReasonInTheDetails() {
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        assertThatThrownBy(() -> template.requestBody("seedance:generate?apiKey=not-the-key", "Refused"))
                .cause().isInstanceOf(RunwareAuthenticationException.class);

        HealthCheck.Result refused = producerCheck("seedance:generate?apiKey=not-the-key");
        assertThat(refused.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(refused.getMessage()).hasValue("Runware refuses the API key (HTTP 401 on its last API request)");
        assertThat(refused.getDetails()).containsEntry("reason", refused.getMessage().orElseThrow());
        assertThat(SIMULATOR.requests().billedTasks()).isZero();

        template.requestBody("seedance:generate", "Accepted with the right key");
        assertThat(producerCheck("seedance:generate").getState()).as("another key's client")
                .isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void readinessIsDownWhileTheBudgetOfThePeriodIsSpentWithTheReasonInTheDetails() {
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        String endpoint = "seedance:generate?budget=0.405&budgetName=tight"; // one 720p task of 5 s
        template.requestBody(endpoint, "The only video of the month");
        assertThat(producerCheck(endpoint).getState()).as("spent").isEqualTo(HealthCheck.State.DOWN);

        HealthCheck.Result spent = producerCheck(endpoint);
        String period = YearMonth.now(ZoneOffset.UTC).toString();
        assertThat(spent.getMessage()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("budget 'tight' is spent for the month " + period + ": spent 0.405")
                .contains("reserved 0").contains("of 0.405 USD; it resets at"));
        assertThat(spent.getDetails()).containsEntry("reason", spent.getMessage().orElseThrow())
                .containsEntry("budget", "tight").containsEntry("budgetPeriod", period)
                .containsKeys("budgetSpent", "budgetReserved", "budgetLimit", "budgetResetsAt");
        assertThat((BigDecimal) spent.getDetails().get("budgetSpent")).isEqualByComparingTo("0.405");
    }

    /** The readiness of the producer of an endpoint. */
    private HealthCheck.Result producerCheck(String uri) {
        String id = "producer:seedance-" + context.getEndpoint(uri, SeedanceEndpoint.class).getId();
        List<HealthCheck.Result> checks = producerChecks();
        return checks.stream().filter(r -> r.getCheck().getId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not among " + checks.stream()
                        .map(r -> r.getCheck().getId()).toList()));
    }

    private List<HealthCheck.Result> producerChecks() {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context);
        return results.stream().filter(r -> r.getCheck().getId().startsWith("producer:seedance")).toList();
    }
}
