package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.rules.ModelRules;
import io.github.camelseedance.runware.rules.PriceTable;
import io.github.camelseedance.seedance.monitor.TaskMonitor;

/**
 * Prices a task before it is submitted: from the client's price table ({@link PriceTable}: resolution, duration,
 * results, and video to video priced as such), or by a dry run, which the table falls back to for a model (or size)
 * it has no price for.
 */
public final class TaskPricing {

    private TaskPricing() {
    }

    /**
     * @param  check  table or dryRun
     * @param  client the client that sends the dry run
     * @return        the price; a dry run answered without a cost fails with an {@link IllegalStateException}
     */
    public static CompletableFuture<TaskPrice> price(VideoInferenceRequest request, CostCheck check,
                                                     RunwareClient client) {
        if (check == CostCheck.table) {
            TaskPrice price = fromTable(request);
            if (price != null) {
                return CompletableFuture.completedFuture(price);
            }
        }
        return client.estimate(request).thenApply(estimate -> {
            if (estimate.cost() == null) {
                throw new IllegalStateException("The dry run of Seedance task " + request.taskUUID()
                                                + " answered no cost: it cannot be priced (costCheck=dryRun)");
            }
            return new TaskPrice(estimate.cost(), CostCheck.dryRun, request.model(), TaskMonitor.resolutionOf(request),
                    ModelRules.durationOf(request), request.expectedResults(), null);
        });
    }

    /** @return the price from the model's table, {@code null} when the table has none for its model or size */
    public static TaskPrice fromTable(VideoInferenceRequest request) {
        PriceTable.Price row = ModelRules.forModel(request.model()).price(request).orElse(null);
        if (row == null) {
            return null;
        }
        int duration = ModelRules.durationOf(request);
        int results = request.expectedResults();
        BigDecimal amount = row.usdPerSecond().multiply(BigDecimal.valueOf((long) duration * results))
                .setScale(4, RoundingMode.HALF_UP);
        return new TaskPrice(amount, CostCheck.table, request.model(), row.resolution(), duration, results, row);
    }
}
