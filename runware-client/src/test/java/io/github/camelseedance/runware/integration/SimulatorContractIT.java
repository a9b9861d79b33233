package io.github.camelseedance.runware.integration;

import java.time.Duration;

import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.junit.jupiter.api.AfterAll;

/** The Runware contract against the simulator in its Runware-faithful default mode: in every build. */
class SimulatorContractIT extends RunwareContract {

    private final RunwareSimulator simulator = RunwareSimulator.builder().renderTime(Duration.ofSeconds(1))
            .syntheticVideos(50_000).build().start();

    @AfterAll
    void stopSimulator() {
        simulator.close();
    }

    @Override
    String target() {
        return "the simulator (nothing is billed)";
    }

    @Override
    String baseUrl() {
        return simulator.baseUrl();
    }

    @Override
    String apiKey() {
        return simulator.apiKey();
    }

    @Override
    WaitPolicy waitPolicy() {
        return new WaitPolicy(Duration.ofMillis(200), Duration.ofMillis(200), 1.5, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }
}
