package io.github.camelseedance.examples.springboot;

import java.time.Duration;
import java.util.Locale;

import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.spi.ComponentCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The local Runware simulator in this process, with the seedance component pointed at it, unless the real API is
 * configured. {@code runware.simulator} decides: {@code auto} (the default) simulates when neither
 * {@code RUNWARE_API_KEY} nor {@code camel.component.seedance.api-key} is set, {@code always} simulates even then
 * (tests use it, so that a key in the environment never makes them call the paid API), {@code never} never does.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedRunware.Simulate.class)
public class EmbeddedRunware {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRunware.class);

    @Bean(destroyMethod = "close")
    RunwareSimulator runwareSimulator(@Value("${runware.simulator.render-time:3s}") Duration renderTime,
                                      @Value("${runware.simulator.synthetic-bytes:0}") long syntheticBytes) {
        RunwareSimulator.Builder builder = RunwareSimulator.builder().renderTime(renderTime);
        if (syntheticBytes > 0) {
            builder.syntheticVideos(syntheticBytes);
        }
        RunwareSimulator simulator = builder.build().start();
        LOG.info("No RUNWARE_API_KEY: generating with the embedded Runware simulator at {}", simulator.baseUrl());
        return simulator;
    }

    /** Points the component at the simulator, after camel.component.seedance.* is applied. */
    @Bean
    ComponentCustomizer seedanceOnSimulator(RunwareSimulator simulator,
                                            @Value("${runware.simulator.poll-interval:500ms}") Duration poll) {
        return ComponentCustomizer.builder(SeedanceComponent.class)
                .withOrder(Ordered.LOWEST_PRECEDENCE)
                .build(seedance -> {
                    seedance.getConfiguration().setBaseUrl(simulator.baseUrl());
                    seedance.getConfiguration().setApiKey(simulator.apiKey());
                    seedance.getConfiguration().setInitialPollDelay(poll.toMillis());
                    seedance.getConfiguration().setPollInterval(poll.toMillis());
                });
    }

    /** Whether to simulate: see the class comment. */
    static final class Simulate implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            String mode = environment.getProperty("runware.simulator", "auto").trim().toLowerCase(Locale.ROOT);
            return switch (mode) {
                case "always" -> true;
                case "never" -> false;
                case "auto" -> isBlank(environment.getProperty("RUNWARE_API_KEY"))
                               && isBlank(environment.getProperty("camel.component.seedance.api-key"));
                default -> throw new IllegalArgumentException(
                        "runware.simulator must be auto, always or never, not " + mode);
            };
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }
}
