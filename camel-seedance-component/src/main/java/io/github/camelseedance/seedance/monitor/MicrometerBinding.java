package io.github.camelseedance.seedance.monitor;

import java.util.Set;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;

/** Finds the application's {@link MeterRegistry} in the Camel registry; only loaded when Micrometer is present. */
final class MicrometerBinding {

    private MicrometerBinding() {
    }

    static MicrometerMetrics bind(CamelContext context, TaskMonitor monitor, LongSupplier polls,
                                  LongSupplier pollRequests) {
        MeterRegistry registry = find(context);
        return registry == null ? null : new MicrometerMetrics(registry, monitor, polls, pollRequests);
    }

    private static MeterRegistry find(CamelContext context) {
        MeterRegistry named = context.getRegistry().lookupByNameAndType(SeedanceMetrics.CAMEL_REGISTRY_NAME,
                MeterRegistry.class);
        if (named != null) {
            return named;
        }
        Set<MeterRegistry> registries = context.getRegistry().findByType(MeterRegistry.class);
        if (registries.size() == 1) {
            return registries.iterator().next();
        }
        return registries.stream().filter(CompositeMeterRegistry.class::isInstance).findFirst().orElse(null);
    }
}
