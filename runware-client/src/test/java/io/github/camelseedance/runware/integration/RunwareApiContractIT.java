package io.github.camelseedance.runware.integration;

import java.time.Duration;

import io.github.camelseedance.runware.RunwareApiKey;
import io.github.camelseedance.runware.RunwareClientConfig;
import io.github.camelseedance.runware.poll.WaitPolicy;
import org.junit.jupiter.api.Assumptions;

/**
 * The Runware contract against the real Runware API, when {@code RUNWARE_API_KEY} is set (it bills one task, about
 * 0.144 USD); skipped with one line saying so otherwise. {@code RUNWARE_BASE_URL} points it elsewhere.
 */
class RunwareApiContractIT extends RunwareContract {

    private static final String KEY = RunwareApiKey.resolve(null);

    @Override
    void assumeReachable() {
        if (KEY == null) {
            System.out.println("RunwareApiContractIT skipped: " + RunwareApiKey.ENVIRONMENT_VARIABLE + " is not set "
                               + "(the same contract ran against the simulator in SimulatorContractIT)");
        }
        Assumptions.assumeTrue(KEY != null, RunwareApiKey.ENVIRONMENT_VARIABLE + " is not set");
    }

    @Override
    String target() {
        return "the real Runware API";
    }

    @Override
    String baseUrl() {
        String url = System.getenv("RUNWARE_BASE_URL");
        return url == null || url.isBlank() ? RunwareClientConfig.DEFAULT_BASE_URL : url;
    }

    @Override
    String apiKey() {
        return KEY;
    }

    @Override
    WaitPolicy waitPolicy() {
        return new WaitPolicy(Duration.ofSeconds(20), Duration.ofSeconds(5), 1.5, Duration.ofSeconds(15),
                Duration.ofMinutes(15));
    }
}
