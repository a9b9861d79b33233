package io.github.camelseedance.examples.quarkus;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.quarkus.core.events.ComponentAddEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The local Runware simulator in this process, with the seedance component pointed at it as Camel adds the
 * component, unless the real API is configured. {@code runware.simulator} decides: {@code auto} (the default)
 * simulates when neither {@code RUNWARE_API_KEY} nor {@code camel.component.seedance.api-key} is set, {@code always}
 * simulates even then (the test profile uses it), {@code never} never does.
 */
@ApplicationScoped
public class EmbeddedRunware {

    private static final Logger LOG = Logger.getLogger(EmbeddedRunware.class);

    @ConfigProperty(name = "runware.simulator", defaultValue = "auto")
    String mode;
    @ConfigProperty(name = "runware.simulator.render-time", defaultValue = "3s")
    Duration renderTime;
    @ConfigProperty(name = "runware.simulator.poll-interval", defaultValue = "500ms")
    Duration pollInterval;
    @ConfigProperty(name = "RUNWARE_API_KEY")
    Optional<String> environmentKey;
    @ConfigProperty(name = "camel.component.seedance.api-key")
    Optional<String> configuredKey;

    private RunwareSimulator simulator;

    void configure(@Observes ComponentAddEvent event) {
        if (event.getComponent() instanceof SeedanceComponent seedance && simulate()) {
            RunwareSimulator running = simulator();
            seedance.getConfiguration().setBaseUrl(running.baseUrl());
            seedance.getConfiguration().setApiKey(running.apiKey());
            seedance.getConfiguration().setInitialPollDelay(pollInterval.toMillis());
            seedance.getConfiguration().setPollInterval(pollInterval.toMillis());
            LOG.infof("No RUNWARE_API_KEY: generating with the embedded Runware simulator at %s", running.baseUrl());
        }
    }

    /** The embedded simulator, started on first use. */
    public synchronized RunwareSimulator simulator() {
        if (simulator == null) {
            simulator = RunwareSimulator.builder().renderTime(renderTime).build().start();
        }
        return simulator;
    }

    boolean simulate() {
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> environmentKey.filter(key -> !key.isBlank()).isEmpty()
                           && configuredKey.filter(key -> !key.isBlank()).isEmpty();
            default ->
                throw new IllegalArgumentException("runware.simulator must be auto, always or never, not " + mode);
        };
    }

    @PreDestroy
    synchronized void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
