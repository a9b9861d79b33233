package io.github.camelseedance.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
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

    @Nested
    @Order(1)
    class NestedTests {
        @Test
        void nestedClassSharesTheSimulator() {
            assertThat(SIM.simulator().port()).isEqualTo(firstPort);
            assertThat(SIM.requests().all()).isEmpty();
        }
    }

    @Nested
    @Order(2)
    class PerTestSimulator {
        @RegisterExtension
        final RunwareSimulatorExtension own = RunwareSimulatorExtension.builder().syntheticVideos(1)
                .progress(true).processingTaskType(true).shuffleResults(false).resultIndex(true)
                .taskNotFoundCode("taskExpired").getResponseBatching(GetResponseBatching.REJECT)
                .singularErrors(SingularErrors.SINGLE_ERRORS).resultErrorForm(ResultErrorForm.DATA_ITEM)
                .taskDetailsRetention(Duration.ofMinutes(5)).build();

        @Test
        void protocolOptionsReachTheSimulator() {
            TestApi api = new TestApi(own.simulator());
            java.util.Map<String, Object> task = TestApi.videoTask();
            api.submit(task);
            assertThat(api.poll((String) task.get("taskUUID")).data()).singleElement().satisfies(i -> assertThat(i)
                    .containsKeys("progress", "taskType", "resultIndex"));
            TestApi.Answer unknown = api.poll(java.util.UUID.randomUUID().toString());
            assertThat(unknown.json()).containsKey("error");
            assertThat(unknown.error()).containsEntry("code", "taskExpired");
            assertThat(api.poll((String) task.get("taskUUID"), (String) task.get("taskUUID")).error())
                    .containsEntry("code", "unsupportedGetResponseBatch");
        }

        @Test
        void instanceFieldGetsItsOwnRunningSimulatorAndTheSharedOneSurvivedTheFirstNestedClass() {
            assertThat(SIM.simulator().port()).isEqualTo(firstPort);
            assertThat(own.simulator().port()).isNotEqualTo(SIM.simulator().port());
            assertThat(new TestApi(own.simulator()).submit(TestApi.videoTask()).status()).isEqualTo(200);
        }
    }
}
