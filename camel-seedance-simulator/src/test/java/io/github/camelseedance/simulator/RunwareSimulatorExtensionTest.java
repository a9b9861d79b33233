package io.github.camelseedance.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunwareSimulatorExtensionTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder().apiKey("ext-key")
            .renderTime(Duration.ofMillis(300)).syntheticVideos(10).seed(1).build();

    static int firstPort;

    @Test
    @Order(1)
    void simulatorRunsWithTheBuilderOptions() {
        firstPort = SIM.simulator().port();
        assertThat(SIM.apiKey()).isEqualTo("ext-key");
        assertThat(SIM.baseUrl()).isEqualTo("http://127.0.0.1:" + firstPort + "/v1");
        assertThat(new TestApi(SIM.baseUrl(), SIM.apiKey()).submit(TestApi.videoTask()).status()).isEqualTo(200);
        SIM.faults().httpErrorRate(500, 1.0);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void sameSimulatorIsResetBeforeEachTest() {
        assertThat(SIM.simulator().port()).isEqualTo(firstPort);
        assertThat(SIM.requests().all()).isEmpty();
        assertThat(SIM.requests().billedTasks()).isZero();
        assertThat(new TestApi(SIM.baseUrl(), SIM.apiKey()).submit(TestApi.videoTask()).status()).isEqualTo(200);
    }
}
