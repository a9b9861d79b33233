package io.github.camelseedance.simulator;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension: one simulator per test class, reset before each test. Every test leaves the simulator dirty (a
 * billed task, a fault plan that fails every request) and starts by checking it is clean, so the reset is shown
 * whatever order JUnit runs them in.
 */
class RunwareSimulatorExtensionTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder().apiKey("ext-key")
            .renderTime(Duration.ofMillis(300)).syntheticVideos(10).seed(1).build();

    /** The port of the class's simulator, taken once the extension has started it. */
    static int classPort;

    @BeforeAll
    static void rememberThePort() {
        classPort = SIM.simulator().port();
    }

    /** Checks the shared simulator is clean and the same one, then leaves it dirty for whichever test runs next. */
    private static void cleanSameSimulatorThenDirtyIt() {
        assertThat(SIM.simulator().port()).isEqualTo(classPort);
        assertThat(SIM.requests().all()).isEmpty();
        assertThat(SIM.requests().billedTasks()).isZero();
        assertThat(new TestApi(SIM.baseUrl(), SIM.apiKey()).submit(TestApi.videoTask()).status())
                .as("no fault plan left by an earlier test").isEqualTo(200);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
        SIM.faults().httpErrorRate(500, 1.0);
    }

    @Test
    void simulatorRunsWithTheBuilderOptions() {
        assertThat(SIM.apiKey()).isEqualTo("ext-key");
        assertThat(SIM.baseUrl()).isEqualTo("http://127.0.0.1:" + classPort + "/v1");
        cleanSameSimulatorThenDirtyIt();
    }

    @RepeatedTest(2)
    void sameSimulatorIsResetBeforeEachTest() {
        cleanSameSimulatorThenDirtyIt();
    }

    @Nested
    class NestedTests {
        @RepeatedTest(2)
        void nestedClassSharesTheSimulatorResetBeforeEachTest() {
            cleanSameSimulatorThenDirtyIt();
        }
    }

    @Nested
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
        void instanceFieldGetsItsOwnRunningSimulatorBesideTheSharedOne() {
            assertThat(SIM.simulator().port()).isEqualTo(classPort);
            assertThat(own.simulator().port()).isNotEqualTo(SIM.simulator().port());
            assertThat(new TestApi(own.simulator()).submit(TestApi.videoTask()).status()).isEqualTo(200);
        }
    }
}
