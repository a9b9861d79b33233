package io.github.camelseedance.seedance.operation;

import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.runware.poll.WaitPolicy;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.util.TimeUtils;

/**
 * Reads per-message overrides of endpoint options: the header {@code CamelSeedance<Option>} wins over the option.
 */
public final class MessageOptions {

    private MessageOptions() {
    }

    /** The header for {@code option} converted to {@code type}, or {@code fallback} when the header is absent. */
    static <T> T get(Exchange exchange, String option, Class<T> type, T fallback) {
        Object value = exchange.getMessage().getHeader(SeedanceConstants.headerFor(option));
        if (value == null) {
            return fallback;
        }
        try {
            return exchange.getContext().getTypeConverter().mandatoryConvertTo(type, exchange, value);
        } catch (NoTypeConversionAvailableException e) {
            throw InvalidInput.of(SeedanceConstants.headerFor(option), value, "a " + type.getSimpleName());
        }
    }

    /** A duration option in milliseconds: the header may be a number, a {@link Duration} or text such as 2s. */
    static long millis(Exchange exchange, String option, long fallback) {
        Object value = exchange.getMessage().getHeader(SeedanceConstants.headerFor(option));
        if (value == null) {
            return fallback;
        }
        if (value instanceof Duration duration) {
            return duration.toMillis();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return TimeUtils.toMilliSeconds(value.toString().trim());
        } catch (RuntimeException e) {
            throw InvalidInput.of(SeedanceConstants.headerFor(option), value,
                    "milliseconds or a duration such as 500ms, 2s, 1m");
        }
    }

    /** How generate waits for a task with the configured options only (a larger pollInterval raises the cap). */
    public static WaitPolicy waitPolicy(SeedanceConfiguration configuration) {
        return new WaitPolicy(Duration.ofMillis(configuration.getInitialPollDelay()),
                Duration.ofMillis(configuration.getPollInterval()), configuration.getPollMultiplier(),
                Duration.ofMillis(Math.max(configuration.getPollInterval(), configuration.getMaxPollInterval())),
                Duration.ofMillis(configuration.getWaitTimeout()));
    }

    /**
     * How generate waits for this exchange's task. A pollInterval above maxPollInterval (say pollInterval=15s with the
     * default 10 s cap, or set on an endpoint below a component-wide cap) raises the cap to it: the interval never
     * shrinks.
     */
    public static WaitPolicy waitPolicy(Exchange exchange, SeedanceConfiguration configuration) {
        long interval = millis(exchange, "pollInterval", configuration.getPollInterval());
        long maxInterval = millis(exchange, "maxPollInterval", configuration.getMaxPollInterval());
        return new WaitPolicy(
                Duration.ofMillis(millis(exchange, "initialPollDelay", configuration.getInitialPollDelay())),
                Duration.ofMillis(interval),
                get(exchange, "pollMultiplier", Double.class, configuration.getPollMultiplier()),
                Duration.ofMillis(Math.max(interval, maxInterval)),
                Duration.ofMillis(millis(exchange, "waitTimeout", configuration.getWaitTimeout())));
    }
}
