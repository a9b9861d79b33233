package io.github.camelseedance.runware;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunwareClientConfigTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void defaults() {
        RunwareClientConfig config = RunwareClientConfig.builder().apiKey("k").scheduler(scheduler).build();

        assertThat(config.baseUrl()).isEqualTo("https://api.runware.ai/v1");
        assertThat(config.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.downloadTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.providerRules()).isTrue();
        assertThat(config.httpClient().version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(config.httpClient().followRedirects()).isEqualTo(HttpClient.Redirect.NORMAL);
        assertThat(config.httpClient().connectTimeout()).contains(Duration.ofSeconds(10));
    }

    @Test
    void theKeyNeverShows() {
        RunwareClientConfig config = RunwareClientConfig.builder().apiKey("sk-very-secret").scheduler(scheduler)
                .build();

        assertThat(config.toString()).doesNotContain("sk-very-secret").contains("***");
        assertThat(new RunwareClient(config).toString()).doesNotContain("sk-very-secret");
        assertThat(RunwareClientConfig.builder().apiKey("sk-very-secret").toString())
                .doesNotContain("sk-very-secret");
    }

    @Test
    void keyAndSchedulerAreRequired() {
        assertThatThrownBy(() -> RunwareClientConfig.builder().scheduler(scheduler).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiKey");
        assertThatThrownBy(() -> RunwareClientConfig.builder().apiKey("k").build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("scheduler");
    }
}
