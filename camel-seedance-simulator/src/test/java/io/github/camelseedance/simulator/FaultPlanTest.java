package io.github.camelseedance.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultPlanTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder().renderTime(Duration.ofSeconds(30))
            .syntheticVideos(10).build();

    TestApi api() {
        return new TestApi(SIM.simulator());
    }

    Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + SIM.apiKey());
    }

    @Test
    void httpErrorRateAnswersTheStatusInTheEnvelopeWithoutProcessing() {
        SIM.faults().httpErrorRate(503, 1.0);
        Map<String, Object> task = TestApi.videoTask();

        TestApi.Answer answer = api().submit(task);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(answer.json()).as("a refused request answers in the singular form")
                .containsEntry("taskUUID", task.get("taskUUID")).containsKey("error");
        assertThat(answer.error()).containsEntry("code", "serviceUnavailable");
        assertThat(SIM.simulator().task((String) task.get("taskUUID"))).isEmpty();
        assertThat(SIM.requests().billedTasks()).isZero();
        assertThat(SIM.requests().submissions((String) task.get("taskUUID"))).isZero();
        assertThat(SIM.requests().count("videoInference")).isEqualTo(1);
    }

    @Test
    void each5xxAnd429HasItsCodeAndOnly429And503CarryRetryAfter() {
        for (int status : new int[]{ 429, 500, 503, 504 }) {
            SIM.faults().failNextRequests(status, 1);
            TestApi.Answer answer = api().submit(TestApi.videoTask());
            assertThat(answer.status()).isEqualTo(status);
            assertThat(answer.headers().firstValue("Retry-After").isPresent())
                    .isEqualTo(status == 429 || status == 503);
            assertThat(answer.error().get("code")).isEqualTo(ErrorCodes.forHttpStatus(status));
        }
        assertThat(SIM.requests().billedTasks()).isZero();
    }

    @Test
    void failNextRequestsAnswersTheStatusThenRecovers() {
        SIM.faults().failNextRequests(500, 2);
        assertThat(api().submit(TestApi.videoTask()).status()).isEqualTo(500);
        assertThat(api().submit(TestApi.videoTask()).status()).isEqualTo(500);
        assertThat(api().submit(TestApi.videoTask()).status()).isEqualTo(200);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void resetClosesTheConnectionAndDoesNotProcess() {
        SIM.faults().resetNextRequests(1);
        Map<String, Object> task = TestApi.videoTask();

        assertThatThrownBy(() -> api().postOrThrow(List.of(task), auth())).isInstanceOf(IOException.class);

        assertThat(SIM.simulator().task((String) task.get("taskUUID"))).isEmpty();
        assertThat(SIM.requests().apiRequests()).singleElement().extracting(RecordedRequest::status).isEqualTo(-1);
        assertThat(api().submit(task).status()).isEqualTo(200);
    }

    @Test
    void connectionResetRateClosesConnections() {
        SIM.faults().connectionResetRate(1.0);
        assertThatThrownBy(() -> api().postOrThrow(List.of(TestApi.videoTask()), auth()))
                .isInstanceOf(IOException.class);
        assertThat(SIM.requests().billedTasks()).isZero();
    }

    @Test
    void droppedResponseIsProcessedAndBilledButTheAnswerIsLost() {
        SIM.faults().dropNextResponses(1);
        Map<String, Object> task = TestApi.videoTask();

        assertThatThrownBy(() -> api().postOrThrow(List.of(task), auth())).isInstanceOf(IOException.class);

        assertThat(SIM.simulator().task((String) task.get("taskUUID"))).get().extracting(SimulatedTask::state)
                .isEqualTo("processing");
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
        TestApi.Answer retry = api().submit(task);
        assertThat(retry.error()).containsEntry("code", "conflictTaskUUID");
        assertThat(SIM.requests().submissions((String) task.get("taskUUID"))).isEqualTo(2);
        assertThat(SIM.requests().conflicts()).isEqualTo(1);
    }

    @Test
    void malformedJsonAnswers200WithATruncatedBodyAndDoesNotProcess() {
        SIM.faults().malformedJsonRate(1.0);
        Map<String, Object> task = TestApi.videoTask();

        TestApi.Answer answer = api().submit(task);

        assertThat(answer.status()).isEqualTo(200);
        assertThatThrownBy(() -> TestApi.MAPPER.readTree(answer.body())).isInstanceOf(IOException.class);
        assertThat(SIM.simulator().task((String) task.get("taskUUID"))).isEmpty();
    }

    @Test
    void slowAnswerStillAnswersAndProcesses() {
        SIM.faults().slowAnswers(1.0, Duration.ofMillis(200));
        Map<String, Object> task = TestApi.videoTask();

        assertThat(api().submit(task).status()).isEqualTo(200);
        assertThat(SIM.simulator().task((String) task.get("taskUUID"))).isPresent();
    }

    @Test
    void ratesAreReproducibleFromTheSeed() {
        assertThat(statusesWithSeed(7)).isEqualTo(statusesWithSeed(7)).contains(200, 503);
        assertThat(statusesWithSeed(7)).isNotEqualTo(statusesWithSeed(8));
    }

    private static List<Integer> statusesWithSeed(long seed) {
        try (RunwareSimulator sim = RunwareSimulator.builder().seed(seed).syntheticVideos(1).build().start()) {
            sim.faults().httpErrorRate(503, 0.5);
            TestApi api = new TestApi(sim);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(api.poll("3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b").status());
            }
            return statuses.stream().map(s -> s == 400 ? 200 : s).toList();
        }
    }

    @Test
    void taskFailureRateDrawsFailuresReproducibly() {
        assertThat(failuresWithSeed(3)).isEqualTo(failuresWithSeed(3)).contains("providerError", "success");
    }

    private static List<String> failuresWithSeed(long seed) {
        try (RunwareSimulator sim = RunwareSimulator.builder().seed(seed).syntheticVideos(1).build().start()) {
            sim.faults().taskFailureRate("providerError", 0.5);
            TestApi api = new TestApi(sim);
            List<String> uuids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Map<String, Object> task = TestApi.videoTask();
                api.submit(task);
                uuids.add((String) task.get("taskUUID"));
            }
            sim.completeAll();
            return uuids.stream().map(u -> sim.task(u).orElseThrow())
                    .map(t -> t.errorCode() == null ? t.state() : t.errorCode()).toList();
        }
    }

    @Test
    void resetClearsTheFaults() {
        SIM.faults().httpErrorRate(500, 1.0);
        SIM.simulator().reset();
        assertThat(api().submit(TestApi.videoTask()).status()).isEqualTo(200);
    }

    @Test
    void invalidRatesAndStatusesAreRefused() {
        FaultPlan plan = SIM.faults();
        assertThatThrownBy(() -> plan.httpErrorRate(503, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.webhookLossRate(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.failNextRequests(200, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.resetNextRequests(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
