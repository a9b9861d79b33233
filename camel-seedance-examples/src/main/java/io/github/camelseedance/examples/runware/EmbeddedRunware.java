package io.github.camelseedance.examples.runware;

import java.time.Duration;

import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the seedance component at the real Runware API when a key is configured ({@code RUNWARE_API_KEY} or
 * {@code camel.component.seedance.configuration.api-key}), and otherwise starts the local Runware simulator in this
 * process and points the component at it, so every example runs with no account and no network.
 *
 * <p>{@code runware.simulator} decides: {@code auto} (the default) as above, {@code always} (the simulator even when a
 * key is set: tests use it, so that a key in the environment never makes them call the paid API), {@code never}.
 * The simulator is bound in the registry as {@value #SIMULATOR_BEAN} and stopped with the Camel context.
 * Settings (all optional): {@code runware.simulator.render-time} (default 3s), {@code
 * runware.simulator.synthetic-bytes} (0, the default, renders real small videos; N &gt; 0 serves synthetic payloads
 * of N bytes), {@code runware.simulator.seed}, {@code runware.simulator.poll-interval} (default 500ms).
 */
public class EmbeddedRunware implements CamelConfiguration {

    /** Registry name of the embedded simulator, when one was started. */
    public static final String SIMULATOR_BEAN = "runwareSimulator";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRunware.class);

    @PropertyInject(value = "runware.simulator", defaultValue = "auto")
    private String mode;
    @PropertyInject(value = "runware.simulator.render-time", defaultValue = "3s")
    private String renderTime;
    @PropertyInject(value = "runware.simulator.synthetic-bytes", defaultValue = "0")
    private long syntheticBytes;
    @PropertyInject(value = "runware.simulator.seed", defaultValue = "42")
    private long seed;
    @PropertyInject(value = "runware.simulator.poll-interval", defaultValue = "500ms")
    private String pollInterval;

    @Override
    public void configure(CamelContext context) throws Exception {
        boolean simulate = switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> !realApiConfigured(context);
            default -> throw new IllegalArgumentException(
                    "runware.simulator must be auto, always or never, not " + mode);
        };
        if (!simulate) {
            LOG.info("Using the Runware API");
            return;
        }
        RunwareSimulator.Builder builder = RunwareSimulator.builder()
                .renderTime(Duration.ofMillis(TimeUtils.toMilliSeconds(renderTime)))
                .seed(seed);
        if (syntheticBytes > 0) {
            builder.syntheticVideos(syntheticBytes);
        }
        RunwareSimulator simulator = builder.build().start();
        context.addService(new SimulatorService(simulator), true, true);
        context.getRegistry().bind(SIMULATOR_BEAN, simulator);

        long poll = TimeUtils.toMilliSeconds(pollInterval);
        SeedanceComponent seedance = context.getComponent("seedance", SeedanceComponent.class);
        seedance.getConfiguration().setApiKey(simulator.apiKey());
        seedance.getConfiguration().setBaseUrl(simulator.baseUrl());
        seedance.getConfiguration().setInitialPollDelay(poll);
        seedance.getConfiguration().setPollInterval(poll);
        LOG.info("No RUNWARE_API_KEY: generating with the embedded Runware simulator at {}", simulator.baseUrl());
    }

    private static boolean realApiConfigured(CamelContext context) {
        String env = System.getenv("RUNWARE_API_KEY");
        if (env != null && !env.isBlank()) {
            return true;
        }
        return context.getPropertiesComponent().resolveProperty("camel.component.seedance.configuration.api-key")
                .filter(key -> !key.isBlank()).isPresent();
    }

    /** Stops the simulator with the Camel context. */
    private static final class SimulatorService extends ServiceSupport {
        private final RunwareSimulator simulator;

        SimulatorService(RunwareSimulator simulator) {
            this.simulator = simulator;
        }

        @Override
        protected void doStop() {
            simulator.close();
        }
    }
}
