package io.github.camelseedance.seedance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the component tests: a Runware simulator on a free port, and a seedance component pointed at it with short
 * poll intervals.
 */
abstract class SeedanceTestSupport extends CamelTestSupport {

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300))
            .syntheticVideos(4096)
            .seed(7L)
            .build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SeedanceComponent component = new SeedanceComponent();
        component.getConfiguration().setApiKey(SIMULATOR.apiKey());
        component.getConfiguration().setBaseUrl(SIMULATOR.baseUrl());
        component.getConfiguration().setInitialPollDelay(100);
        component.getConfiguration().setPollInterval(100);
        component.getConfiguration().setMaxPollInterval(200);
        component.setRetryBackoff(50);
        context.addComponent("seedance", component);
        return context;
    }

    /** The last videoInference task the simulator received, as parsed JSON. */
    static Map<String, Object> lastVideoTask() {
        List<Map<String, Object>> tasks = SIMULATOR.requests().tasks("videoInference");
        return tasks.get(tasks.size() - 1);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> nested(Map<String, Object> task, String key) {
        return (Map<String, Object>) task.get(key);
    }
}
