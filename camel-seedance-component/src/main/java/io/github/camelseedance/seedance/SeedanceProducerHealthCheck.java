package io.github.camelseedance.seedance;

import java.util.Map;

import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.seedance.cost.Budget;
import io.github.camelseedance.seedance.cost.BudgetBook;
import io.github.camelseedance.seedance.cost.BudgetState;
import io.github.camelseedance.seedance.cost.Usd;
import io.github.camelseedance.seedance.runtime.RunwareServices;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a seedance producer: down while Runware refuses its API key, while the polls of its tasks fail
 * (Runware unreachable), and while its budget has nothing left in the current period; with the tasks in flight, the
 * poll requests sent, whether polls are batched, how many batched answers left tasks out and the budget's spend as
 * details.
 */
final class SeedanceProducerHealthCheck extends AbstractHealthCheck {

    private final SeedanceEndpoint endpoint;

    SeedanceProducerHealthCheck(SeedanceEndpoint endpoint, String id) {
        super("camel", "producer:seedance-" + id);
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RunwareServices services = endpoint.services();
        if (services == null) {
            builder.down().message("the endpoint is not started");
            return;
        }
        VideoTaskTracker tracker = services.tracker();
        builder.detail("tasksInFlight", tracker.inFlight());
        builder.detail("pollRequests", tracker.pollRequests());
        builder.detail("batchPolling", tracker.batchPolling());
        builder.detail("incompleteBatchAnswers", tracker.incompleteBatchAnswers());
        builder.detail("serviceUrl", endpoint.getServiceUrl());
        BudgetState budget = budgetState();
        if (budget != null) {
            builder.detail("budget", budget.account());
            builder.detail("budgetPeriod", budget.usage().period());
            builder.detail("budgetSpent", budget.usage().spent());
            builder.detail("budgetReserved", budget.usage().reserved());
            builder.detail("budgetLimit", budget.budget().limit());
            builder.detail("budgetResetsAt", budget.resetsAt().toString());
        }
        Throwable failure = tracker.lastPollFailure();
        String down = downReason(services.activity().keyRefusedStatus(), failure, budget);
        if (down == null) {
            builder.up();
            return;
        }
        builder.down().message(down).detail("reason", down);
        if (failure != null) {
            builder.error(failure);
        }
    }

    /** Why the producer is not ready, {@code null} when it is. */
    private static String downReason(int keyRefusedStatus, Throwable pollFailure, BudgetState budget) {
        if (keyRefusedStatus != 0) {
            return "Runware refuses the API key (HTTP " + keyRefusedStatus + " on its last API request)";
        }
        if (pollFailure != null) {
            return "the last poll of Runware failed: " + pollFailure.getMessage();
        }
        if (budget != null && budget.exhausted()) {
            return "budget '" + budget.account() + "' is spent for the " + budget.budget().period() + " "
                   + budget.usage().period() + ": spent " + Usd.text(budget.usage().spent()) + " USD and reserved "
                   + Usd.text(budget.usage().reserved()) + " USD of " + Usd.text(budget.budget().limit())
                   + " USD; it resets at " + budget.resetsAt();
        }
        return null;
    }

    /** The endpoint's budget for its model in the current period, {@code null} without one. */
    private BudgetState budgetState() {
        Budget budget = Budget.of(endpoint.getConfiguration());
        if (budget == null) {
            return null;
        }
        BudgetBook book = endpoint.getComponent().runtime().budgets();
        String account = budget.account(endpoint.getConfiguration().getModel());
        book.register(account, budget);
        return book.state(account);
    }
}
