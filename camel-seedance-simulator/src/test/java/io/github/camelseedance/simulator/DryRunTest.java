package io.github.camelseedance.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder().renderTime(Duration.ofSeconds(30))
            .syntheticVideos(10).build();

    TestApi.Answer dryRun(Map<String, Object> task) {
        return new TestApi(SIM.simulator()).post(List.of(task),
                Map.of("Authorization", "Bearer " + SIM.apiKey(), "X-Runware-Dry-Run", "1"));
    }

    @Test
    void dryRunAnswersThePriceWithoutRunningOrBilling() {
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "width", 1280, "height", 720, "duration", 10,
                "numberResults", 2);

        TestApi.Answer answer = dryRun(task);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data()).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("taskType", "videoInference").containsEntry("taskUUID", task.get("taskUUID"))
                    .containsEntry("status", "dryRun");
            assertThat(new BigDecimal(item.get("cost").toString())).isEqualByComparingTo("1.62");
        });
        assertThat(SIM.simulator().task((String) task.get("taskUUID"))).isEmpty();
        assertThat(SIM.requests().billedTasks()).isZero();
        assertThat(SIM.requests().submissions((String) task.get("taskUUID"))).isZero();
        assertThat(SIM.requests().apiRequests()).singleElement().extracting(RecordedRequest::dryRun).isEqualTo(true);
    }

    @Test
    void dryRunDoesNotConsumeTheTaskUUID() {
        Map<String, Object> task = TestApi.videoTask();
        dryRun(task);
        assertThat(new TestApi(SIM.simulator()).submit(task).status()).isEqualTo(200);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void dryRunValidatesLikeASubmit() {
        TestApi.Answer answer = dryRun(TestApi.with(TestApi.videoTask(), "duration", 2));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).containsEntry("code", "invalidDuration");
    }

    @Test
    void dryRunOfAReusedTaskUUIDAnswersTheConflictWithoutCountingIt() {
        Map<String, Object> task = TestApi.videoTask();
        new TestApi(SIM.simulator()).submit(task);
        assertThat(dryRun(task).error()).containsEntry("code", "conflictTaskUUID");
        assertThat(SIM.requests().conflicts()).isZero();
    }

    @Test
    void miniVideoToVideoIsPricedHigher() {
        Map<String, Object> references = Map.of("referenceVideos", List.of("https://example.com/in.mp4"));
        assertThat(price(TestApi.with(TestApi.videoTask(), "inputs", references))).as("480p, 4 s")
                .isEqualByComparingTo("0.172");
        assertThat(price(TestApi.with(TestApi.videoTask(), "inputs", references, "width", 1280, "height", 720,
                "duration", 5, "numberResults", 2))).as("720p, 5 s, 2 results").isEqualByComparingTo("0.96");
        assertThat(price(TestApi.with(TestApi.videoTask(), "inputs",
                Map.of("referenceImages", List.of("https://example.com/in.png"))))).as("image references: not v2v")
                .isEqualByComparingTo("0.144");
    }

    @Test
    void videoToVideoResultsCarryAndBillTheirPrice() {
        TestApi api = new TestApi(SIM.simulator());
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "includeCost", true, "numberResults", 2,
                "inputs", Map.of("referenceVideos", List.of("https://example.com/in.mp4")));
        api.submit(task);
        SIM.simulator().completeAll();
        assertThat(api.poll((String) task.get("taskUUID")).successes()).hasSize(2)
                .allSatisfy(i -> assertThat(new BigDecimal(i.get("cost").toString())).isEqualByComparingTo("0.172"));
        assertThat(SIM.requests().billedUsd()).isEqualByComparingTo("0.344");
    }

    private BigDecimal price(Map<String, Object> task) {
        TestApi.Answer answer = dryRun(task);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return new BigDecimal(answer.data().get(0).get("cost").toString());
    }

    @Test
    void dryRunPricesEachModel() {
        Map<String, Object> full4k = TestApi.with(TestApi.videoTask(), "model", "bytedance:seedance@2.0",
                "width", 3840, "height", 2160, "duration", 5);
        assertThat(new BigDecimal(dryRun(full4k).data().get(0).get("cost").toString())).isEqualByComparingTo("4.0");
    }
}
