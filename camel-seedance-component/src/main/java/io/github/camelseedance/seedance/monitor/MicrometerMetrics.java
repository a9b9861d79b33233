package io.github.camelseedance.seedance.monitor;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The component's Micrometer meters, fed by the {@link TaskMonitor}'s events. Only loaded when Micrometer is on the
 * class path (see {@link SeedanceMetrics}); the meters it registered are removed when it closes.
 */
final class MicrometerMetrics implements MonitorListener, AutoCloseable {

    private static final double[] PERCENTILES = { 0.5, 0.9, 0.95, 0.99 };

    private final MeterRegistry registry;
    private final TaskMonitor monitor;
    private final List<Meter.Id> registered = new CopyOnWriteArrayList<>();
    /** Held here: Micrometer keeps only weak references to what function counters and gauges read. */
    private final List<Object> readFrom = new CopyOnWriteArrayList<>();

    MicrometerMetrics(MeterRegistry registry, TaskMonitor monitor, LongSupplier polls, LongSupplier pollRequests) {
        this.registry = registry;
        this.monitor = monitor;
        readFrom.add(polls);
        readFrom.add(pollRequests);
        track(Gauge.builder(SeedanceMetrics.TASKS_IN_FLIGHT, monitor, TaskMonitor::inFlightCount)
                .description("Tasks this instance waits for").register(registry));
        track(FunctionCounter.builder(SeedanceMetrics.POLLS, polls, LongSupplier::getAsLong)
                .description("Task polls sent (getResponse task objects)").register(registry));
        track(FunctionCounter.builder(SeedanceMetrics.POLL_REQUESTS, pollRequests, LongSupplier::getAsLong)
                .description("Poll requests sent (HTTP requests, each polling one or more tasks)").register(registry));
        monitor.addListener(this);
    }

    /** Registers a gauge of a budget, read from a supplier, removed when the metrics close. */
    void budgetGauge(String name, String budget, String description, Supplier<Number> value) {
        readFrom.add(value);
        track(Gauge.builder(name, value).tags("budget", budget).description(description).register(registry));
    }

    @Override
    public void submitted(ActiveTask task) {
        counter(SeedanceMetrics.TASKS_SUBMITTED, "Tasks submitted", taskTags(task)).increment();
    }

    @Override
    public void refused(String model, String resolution, String reason) {
        counter(SeedanceMetrics.TASKS_REFUSED, "Tasks refused before any request for their price",
                Tags.of("model", model, "resolution", tagValue(resolution), "reason", reason)).increment();
    }

    @Override
    public void done(ActiveTask task, TaskOutcome outcome, String errorFamily, Duration renderTime) {
        Tags tags = taskTags(task).and("outcome", outcome.name());
        if (outcome == TaskOutcome.success || outcome == TaskOutcome.partial) {
            counter(SeedanceMetrics.TASKS_SUCCEEDED, "Tasks that made their videos (partial: some of them)", tags)
                    .increment();
        } else {
            counter(SeedanceMetrics.TASKS_FAILED, "Tasks that failed or whose wait timed out",
                    tags.and("errorFamily", tagValue(errorFamily))).increment();
        }
        track(Timer.builder(SeedanceMetrics.TASK_RENDER_TIME).description("Time from submit to done")
                .tags(tags).publishPercentiles(PERCENTILES).publishPercentileHistogram().register(registry))
                .record(renderTime);
    }

    @Override
    public void delivered(ActiveTask task, Duration deliveryTime) {
        track(Timer.builder(SeedanceMetrics.TASK_DELIVERY_TIME).description("Time from done to delivered (downloads)")
                .tags(taskTags(task)).publishPercentiles(PERCENTILES).publishPercentileHistogram().register(registry))
                .record(deliveryTime);
    }

    @Override
    public void spent(String model, BigDecimal usd) {
        track(Counter.builder(SeedanceMetrics.SPEND).baseUnit("usd").description("Money spent: real costs settled")
                .tags("model", model).register(registry)).increment(usd.doubleValue());
    }

    @Override
    public void webhookReceived() {
        counter(SeedanceMetrics.WEBHOOKS_RECEIVED, "Webhook deliveries taken", Tags.empty()).increment();
    }

    @Override
    public void webhookRefused(String reason) {
        counter(SeedanceMetrics.WEBHOOKS_REFUSED, "Webhook deliveries refused", Tags.of("reason", reason))
                .increment();
    }

    @Override
    public void answered(RequestKind kind, int httpStatus) {
        counter(SeedanceMetrics.HTTP_REQUESTS, "HTTP requests by kind and status (0: no answer)",
                Tags.of("kind", kind.name().toLowerCase(), "status", Integer.toString(httpStatus))).increment();
    }

    @Override
    public void retrying(RequestKind kind) {
        counter(SeedanceMetrics.RETRIES, "Requests retried after a transient failure",
                Tags.of("kind", kind.name().toLowerCase())).increment();
    }

    @Override
    public void downloaded(long bytes) {
        counter(SeedanceMetrics.DOWNLOADS, "Videos downloaded", Tags.empty()).increment();
        track(Counter.builder(SeedanceMetrics.DOWNLOAD_BYTES).baseUnit("bytes").description("Bytes downloaded")
                .register(registry)).increment(bytes);
    }

    private Counter counter(String name, String description, Tags tags) {
        return track(Counter.builder(name).description(description).tags(tags).register(registry));
    }

    private <M extends Meter> M track(M meter) {
        if (!registered.contains(meter.getId())) {
            registered.add(meter.getId());
        }
        return meter;
    }

    private static Tags taskTags(ActiveTask task) {
        return Tags.of("model", Objects.toString(task.model(), "unknown"), "resolution", tagValue(task.resolution()));
    }

    private static String tagValue(String value) {
        return value == null ? "unknown" : value;
    }

    @Override
    public void close() {
        monitor.removeListener(this);
        registered.forEach(registry::remove);
        registered.clear();
        readFrom.clear();
    }
}
