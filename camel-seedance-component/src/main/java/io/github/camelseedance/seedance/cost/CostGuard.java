package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceProducer;
import io.github.camelseedance.seedance.monitor.TaskMonitor;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the money before it is spent: prices each task before its submit (price table or dry run), sets the price
 * header, refuses a task above {@code maxCostPerTask}, and reserves its price in its budget, refusing it when it does
 * not fit. A refused task fails with a {@link SeedanceCostException} before any request that could bill is sent. Once
 * a task's results are seen, wherever they are, it charges them at their real cost ({@link #settle}).
 */
public final class CostGuard {

    private static final Logger LOG = LoggerFactory.getLogger(CostGuard.class);

    private final BudgetBook budgets;
    private final TaskMonitor monitor;

    public CostGuard(BudgetBook budgets, TaskMonitor monitor) {
        this.budgets = budgets;
        this.monitor = monitor;
    }

    /**
     * Prices and admits a task.
     *
     * @param  exchange the exchange (gets the {@code CamelSeedancePrice} header)
     * @param  request  the task, validated
     * @param  options  the options of the exchange
     * @param  client   the client that sends a dry run
     * @return          the admission; fails with a {@link SeedanceCostException} when the task is refused, or with the
     *                  pricing failure when a cap or budget applies and the task could not be priced
     */
    public CompletableFuture<Admission> admit(Exchange exchange, VideoInferenceRequest request,
                                              SeedanceConfiguration options, RunwareClient client) {
        Budget budget = Budget.of(options);
        boolean guarded = budget != null || options.getMaxCostPerTask() != null;
        return TaskPricing.price(request, options.getCostCheck(), client)
                .handle((price, failure) -> {
                    if (failure != null) {
                        Throwable cause = SeedanceProducer.unwrap(failure);
                        if (guarded) {
                            throw new IllegalStateException("Seedance task " + request.taskUUID() + " cannot be "
                                                            + "priced, so its cap or budget cannot be checked: "
                                                            + cause.getMessage(),
                                    cause);
                        }
                        LOG.debug("Seedance task {} could not be priced: {}", request.taskUUID(), failure.toString());
                        return new Admission(request.taskUUID(), null, null, false);
                    }
                    exchange.getMessage().setHeader(SeedanceConstants.PRICE, price.amount());
                    checkCap(request, price, options.getMaxCostPerTask());
                    return budget == null
                            ? new Admission(request.taskUUID(), price, null, false)
                            : reserve(request, price, budget);
                });
    }

    /**
     * Charges results of a task at their real cost (its price's share for a result reported without one), each once
     * however often and wherever it is seen: by the exchange that admitted the task, the {@code seedance:webhook}
     * consumer, the lease keeper of a task resumed after a restart or adopted from another instance, a download. Once
     * the task is complete, what was not charged of its reservation (failed results, a real cost below the price) is
     * released. A task no budget reserved is charged nothing.
     *
     * @param  taskUUID the task
     * @param  model    its model, for the spend per model ({@code null} when not known)
     * @param  results  results seen (failed results are not billed, and not given)
     * @param  complete whether every result of the task is in (succeeded or failed)
     * @return          the USD charged now
     */
    public BigDecimal settle(String taskUUID, String model, List<VideoItem> results, boolean complete) {
        BudgetLedger ledger = budgets.ledger();
        BigDecimal charged = BigDecimal.ZERO;
        for (VideoItem result : results) {
            charged = charged.add(ledger.charge(taskUUID, result.resultKey(), result.cost()));
        }
        if (complete) {
            ledger.close(taskUUID, false);
        }
        spent(model, charged);
        return charged;
    }

    /**
     * Charges what is left of the reservation of a task that ran (and was billed) at Runware although its cost will
     * not be known here: its wait timed out, or Runware forgot it before its results were taken.
     *
     * @param  model its model, for the spend per model ({@code null} when not known)
     * @return       the USD charged now
     */
    public BigDecimal billRemainder(String taskUUID, String model) {
        BigDecimal charged = budgets.ledger().close(taskUUID, true);
        spent(model, charged);
        return charged;
    }

    /**
     * Forgets the reservation of a task that never ran at Runware (its submit never reached it): its work, coming
     * again, reserves anew and is charged.
     */
    public void forget(String taskUUID) {
        budgets.ledger().drop(taskUUID);
    }

    private void spent(String model, BigDecimal charged) {
        if (charged.signum() > 0) {
            monitor.spent(model != null ? model : "unknown", charged);
        }
    }

    private void checkCap(VideoInferenceRequest request, TaskPrice price, BigDecimal cap) {
        if (cap != null && price.amount().compareTo(cap) > 0) {
            monitor.refused(request, "cap");
            throw new CostCapExceededException(request.taskUUID(), price, cap);
        }
    }

    private Admission reserve(VideoInferenceRequest request, TaskPrice price, Budget budget) {
        String account = budget.account(request.model());
        budgets.register(account, budget);
        Instant now = budgets.clock().instant();
        String period = budget.periodKey(now);
        Reservation reservation = budgets.ledger().reserve(account, period, request.taskUUID(), price.amount(),
                price.results(), budget.limit(), budget.warningLevel());
        if (!reservation.admitted()) {
            monitor.refused(request, "budget");
            throw new BudgetExceededException(request.taskUUID(), price, budget, reservation.usage(),
                    budget.resetsAt(now));
        }
        if (reservation.crossedWarning()) {
            BudgetUsage usage = reservation.usage();
            LOG.warn("Seedance budget '{}' has used {}% of its {} USD for the {} {}: spent {} USD, reserved {} USD; "
                     + "it resets at {}",
                    account,
                    budget.limit().signum() == 0
                            ? 100
                            : usage.committed().multiply(BigDecimal.valueOf(100))
                                    .divide(budget.limit(), 0, RoundingMode.DOWN),
                    budget.limit().toPlainString(), budget.period(), period, usage.spent().toPlainString(),
                    usage.reserved().toPlainString(), budget.resetsAt(now));
        }
        return new Admission(request.taskUUID(), price, budgets.ledger(),
                reservation.verdict() == Reservation.Verdict.RESERVED);
    }
}
