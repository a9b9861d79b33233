package io.github.camelseedance.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiEnvelopeTest {

    static RunwareSimulator sim;
    static TestApi api;

    @BeforeAll
    static void start() {
        sim = RunwareSimulator.builder().renderTime(Duration.ofSeconds(30)).syntheticVideos(100).build().start();
        api = new TestApi(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    @Test
    void baseUrlPointsAtV1OnLoopback() {
        assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port() + "/v1");
        assertThat(sim.apiKey()).isEqualTo("simulator-key");
    }

    @Test
    void missingKeyAnswers401InvalidApiKeyInTheSingularForm() {
        Map<String, Object> task = TestApi.videoTask();
        TestApi.Answer answer = api.post(List.of(task), Map.of());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json()).containsOnlyKeys("error", "taskUUID", "taskType")
                .containsEntry("taskUUID", task.get("taskUUID")).containsEntry("taskType", "videoInference");
        assertThat(answer.json().get("error")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("code", "invalidApiKey").containsKey("message")
                .doesNotContainKeys("taskUUID", "taskType");
        assertThat(sim.requests().billedTasks()).isZero();
    }

    @Test
    void singularErrorsChoosesWhichAnswersUseTheSingularForm() {
        Map<String, Object> bad = TestApi.with(TestApi.videoTask(), "duration", 99);
        try (RunwareSimulator never = RunwareSimulator.builder().singularErrors(SingularErrors.NEVER)
                .syntheticVideos(1).build().start()) {
            TestApi.Answer refused = new TestApi(never.baseUrl(), "wrong").submit(TestApi.videoTask());
            assertThat(refused.json()).containsOnlyKeys("errors");
            assertThat(refused.error()).containsEntry("code", "invalidApiKey");
        }
        try (RunwareSimulator single = RunwareSimulator.builder().singularErrors(SingularErrors.SINGLE_ERRORS)
                .syntheticVideos(1).build().start()) {
            TestApi.Answer rejected = new TestApi(single).submit(bad);
            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.json()).containsOnlyKeys("error", "taskUUID", "taskType")
                    .containsEntry("taskUUID", bad.get("taskUUID")).containsEntry("taskType", "videoInference");
            assertThat(rejected.error()).containsEntry("code", "invalidDuration").containsEntry("min", 4);
            TestApi.Answer mixed = new TestApi(single).post(List.of(TestApi.videoTask(), bad));
            assertThat(mixed.json()).containsOnlyKeys("data", "errors");
        }
        assertThat(api.submit(bad).json()).as("default: task errors stay plural").containsOnlyKeys("errors");
    }

    @Test
    void wrongKeyAnswers401() {
        TestApi.Answer answer = new TestApi(sim.baseUrl(), "wrong").post(List.of(TestApi.videoTask()));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).containsEntry("code", "invalidApiKey");
    }

    @Test
    void authenticationTaskAsFirstElementIsAccepted() {
        Map<String, Object> task = TestApi.videoTask();
        TestApi.Answer answer = api.post(List.of(Map.of("taskType", "authentication", "apiKey", "simulator-key"), task),
                Map.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data()).hasSize(2);
        assertThat(answer.data().get(0)).containsEntry("taskType", "authentication")
                .containsKey("connectionSessionUUID");
        assertThat(answer.data().get(1)).containsEntry("taskUUID", task.get("taskUUID"));
    }

    @Test
    void authenticationTaskWithWrongKeyIsRefused() {
        TestApi.Answer answer = api.post(List.of(Map.of("taskType", "authentication", "apiKey", "nope"),
                TestApi.videoTask()));
        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void acceptedSubmitAnswersOneAckInData() {
        Map<String, Object> task = TestApi.videoTask();
        TestApi.Answer answer = api.submit(task);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsOnlyKeys("data");
        assertThat(answer.data())
                .containsExactly(Map.of("taskType", "videoInference", "taskUUID", task.get("taskUUID")));
    }

    @Test
    void bodyThatIsNotAnArrayIsRejectedWith400() {
        assertThat(api.post("{\"taskType\":\"videoInference\"}").status()).isEqualTo(400);
        assertThat(api.post("not json").error()).containsEntry("code", "invalidRequestBody");
        assertThat(api.post("[]").status()).isEqualTo(400);
    }

    @Test
    void unknownTaskTypeIsRejectedWithAllowedValues() {
        TestApi.Answer answer = api.post(List.of(Map.of("taskType", "imageInference", "taskUUID", "x")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).containsEntry("code", "unsupportedTaskType").containsEntry("parameter", "taskType")
                .containsEntry("taskType", "imageInference").containsKey("allowedValues");
    }

    @Test
    void mixedValidAndInvalidTasksAreAnsweredEachOnItsOwnWith200() {
        Map<String, Object> good = TestApi.videoTask();
        Map<String, Object> bad = TestApi.with(TestApi.videoTask(), "duration", 30);
        Map<String, Object> alsoGood = TestApi.videoTask();
        TestApi.Answer answer = api.post(List.of(good, bad, alsoGood));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data()).extracting(d -> d.get("taskUUID"))
                .containsExactly(good.get("taskUUID"), alsoGood.get("taskUUID"));
        assertThat(answer.errors()).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("code", "invalidDuration").containsEntry("taskUUID", bad.get("taskUUID"))
                .containsEntry("taskType", "videoInference"));
        assertThat(sim.requests().billedTasks()).isEqualTo(2);
        assertThat(sim.task((String) bad.get("taskUUID"))).isEmpty();
    }

    @Test
    void requestWhereEveryTaskFailsAnswers400WithEveryError() {
        TestApi.Answer answer = api.post(List.of(TestApi.with(TestApi.videoTask(), "model", "nope"),
                TestApi.with(TestApi.videoTask(), "positivePrompt", null)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsOnlyKeys("errors");
        assertThat(answer.errors()).extracting(e -> e.get("code")).containsExactly("modelNotFound",
                "missingPositivePrompt");
    }

    @Test
    void getIsNotAllowedOnTheApi() {
        assertThat(TestApi.get(sim.baseUrl()).statusCode()).isEqualTo(405);
    }

    @Test
    void otherPathsAnswer404() {
        assertThat(new TestApi(sim.baseUrl() + "/tasks", sim.apiKey()).submit(TestApi.videoTask()).status())
                .isEqualTo(404);
        assertThat(TestApi.get("http://127.0.0.1:" + sim.port() + "/other").statusCode()).isEqualTo(404);
        assertThat(sim.requests().billedTasks()).isZero();
    }
}
