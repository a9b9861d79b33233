package io.github.camelseedance.seedance.monitor;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component's metrics through Micrometer, when the application has it: the {@code MeterRegistry} of the Camel
 * registry (bound as {@value #CAMEL_REGISTRY_NAME} by camel-micrometer and Camel Main's metrics, or the only one
 * there, as Spring Boot and Quarkus provide). Without Micrometer, or without a registry, there are no metrics and no
 * Micrometer class is loaded.
 */
public final class SeedanceMetrics {

    /** The name under which camel-micrometer binds its registry. */
    public static final String CAMEL_REGISTRY_NAME = "metricsRegistry";
    /** Tasks submitted (tags model, resolution). */
    public static final String TASKS_SUBMITTED = "seedance.tasks.submitted";
    /** Tasks that made their videos (tags model, resolution, outcome success or partial). */
    public static final String TASKS_SUCCEEDED = "seedance.tasks.succeeded";
    /** Tasks that failed or whose wait timed out (tags model, resolution, outcome, errorFamily). */
    public static final String TASKS_FAILED = "seedance.tasks.failed";
    /** Tasks refused for their price before any request (tags model, resolution, reason cap or budget). */
    public static final String TASKS_REFUSED = "seedance.tasks.refused";
    /** Tasks this instance waits for (gauge). */
    public static final String TASKS_IN_FLIGHT = "seedance.tasks.inflight";
    /** Time from submit to done (timer with percentiles; tags model, resolution, outcome). */
    public static final String TASK_RENDER_TIME = "seedance.task.render";
    /** Time from done to delivered (timer with percentiles; tags model, resolution). */
    public static final String TASK_DELIVERY_TIME = "seedance.task.delivery";
    /** Money spent, USD (tag model). */
    public static final String SPEND = "seedance.spend";
    /** The spend of a budget's current period, USD (gauge; tag budget). */
    public static final String BUDGET_SPENT = "seedance.budget.spent";
    /** The reservations of a budget's current period, USD (gauge; tag budget). */
    public static final String BUDGET_RESERVED = "seedance.budget.reserved";
    /** A budget's limit, USD (gauge; tag budget). */
    public static final String BUDGET_LIMIT = "seedance.budget.limit";
    /** Task polls (getResponse task objects) sent. */
    public static final String POLLS = "seedance.polls";
    /** Poll requests (HTTP requests) sent. */
    public static final String POLL_REQUESTS = "seedance.poll.requests";
    /** Webhook deliveries taken. */
    public static final String WEBHOOKS_RECEIVED = "seedance.webhooks.received";
    /** Webhook deliveries refused (tag reason). */
    public static final String WEBHOOKS_REFUSED = "seedance.webhooks.refused";
    /** HTTP requests by kind (api, download) and status (0: no answer). */
    public static final String HTTP_REQUESTS = "seedance.http.requests";
    /** Requests retried (tag kind). */
    public static final String RETRIES = "seedance.retries";
    /** Videos downloaded. */
    public static final String DOWNLOADS = "seedance.downloads";
    /** Bytes downloaded. */
    public static final String DOWNLOAD_BYTES = "seedance.download.bytes";

    private static final Logger LOG = LoggerFactory.getLogger(SeedanceMetrics.class);
    private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    private final AutoCloseable binding;
    private final BudgetGauges budgetGauges;

    private SeedanceMetrics(AutoCloseable binding, BudgetGauges budgetGauges) {
        this.binding = binding;
        this.budgetGauges = budgetGauges;
    }

    /**
     * Registers the meters in the application's Micrometer registry, if it has one.
     *
     * @return the metrics, or {@code null} when there is no Micrometer or no registry
     */
    public static SeedanceMetrics bind(CamelContext context, TaskMonitor monitor, LongSupplier polls,
                                       LongSupplier pollRequests) {
        if (context.getClassResolver().resolveClass(METER_REGISTRY) == null) {
            return null;
        }
        MicrometerMetrics metrics = MicrometerBinding.bind(context, monitor, polls, pollRequests);
        if (metrics == null) {
            return null;
        }
        LOG.debug("Seedance metrics registered with the application's Micrometer registry");
        return new SeedanceMetrics(metrics, metrics::budgetGauge);
    }

    /** Registers the gauges of one budget: its spend, reservations and limit in the current period. */
    public void budget(String budget, Supplier<Number> spent,
                       Supplier<Number> reserved, Supplier<Number> limit) {
        budgetGauges.register(BUDGET_SPENT, budget, "Spend of the budget's current period, USD", spent);
        budgetGauges.register(BUDGET_RESERVED, budget, "Reservations of the budget's current period, USD", reserved);
        budgetGauges.register(BUDGET_LIMIT, budget, "Limit of the budget, USD", limit);
    }

    /** Removes the meters. */
    public void close() {
        try {
            binding.close();
        } catch (Exception e) {
            LOG.debug("Removing the Seedance meters failed: {}", e.getMessage());
        }
    }

    @FunctionalInterface
    private interface BudgetGauges {
        void register(String name, String budget, String description, Supplier<Number> value);
    }
}
