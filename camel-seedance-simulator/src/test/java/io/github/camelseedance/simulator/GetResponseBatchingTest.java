package io.github.camelseedance.simulator;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Several getResponse tasks in one request: all answered, only the first (silently), or refused. */
class GetResponseBatchingTest {

    static List<String> submitted(RunwareSimulator sim, int tasks) {
        TestApi api = new TestApi(sim);
        List<String> uuids = new java.util.ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            Map<String, Object> task = TestApi.videoTask();
            api.submit(task);
            uuids.add((String) task.get("taskUUID"));
        }
        sim.completeAll();
        return uuids;
    }

    @Test
    void allAnswersEveryTaskAndTheJournalCountsTheBatch() {
        try (RunwareSimulator sim = RunwareSimulator.builder().syntheticVideos(1).build().start()) {
            List<String> uuids = submitted(sim, 3);
            TestApi api = new TestApi(sim);

            TestApi.Answer answer = api.poll(uuids.toArray(String[]::new));
            api.poll(uuids.get(0));

            assertThat(answer.data()).extracting(d -> d.get("taskUUID")).containsExactlyElementsOf(uuids);
            assertThat(sim.requests().getResponseRequests()).isEqualTo(2);
            assertThat(sim.requests().getResponseBatchSizes()).containsExactly(Map.entry(1, 1), Map.entry(3, 1));
            assertThat(sim.requests().unansweredGetResponses()).isZero();
        }
    }

    @Test
    void firstOnlySilentlyAnswersTheFirstTaskAlone() {
        try (RunwareSimulator sim = RunwareSimulator.builder().getResponseBatching(GetResponseBatching.FIRST_ONLY)
                .syntheticVideos(1).build().start()) {
            List<String> uuids = submitted(sim, 3);

            TestApi.Answer answer = new TestApi(sim).poll(uuids.toArray(String[]::new));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json()).containsOnlyKeys("data");
            assertThat(answer.data()).extracting(d -> d.get("taskUUID")).containsExactly(uuids.get(0));
            assertThat(sim.requests().unansweredGetResponses()).isEqualTo(2);
            assertThat(sim.requests().getResponseBatchSizes()).containsExactly(Map.entry(3, 1));
        }
    }

    @Test
    void rejectRefusesABatchAsAWholeButAnswersOneTaskARequest() {
        try (RunwareSimulator sim = RunwareSimulator.builder().getResponseBatching(GetResponseBatching.REJECT)
                .syntheticVideos(1).build().start()) {
            List<String> uuids = submitted(sim, 2);
            TestApi api = new TestApi(sim);

            TestApi.Answer refused = api.poll(uuids.toArray(String[]::new));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json()).containsOnlyKeys("error", "taskUUID", "taskType");
            assertThat(refused.error()).containsEntry("code", "unsupportedGetResponseBatch")
                    .containsEntry("parameter", "taskType");
            assertThat(sim.requests().unansweredGetResponses()).isEqualTo(2);
            assertThat(api.poll(uuids.get(1)).successes()).singleElement()
                    .satisfies(d -> assertThat(d).containsEntry("taskUUID", uuids.get(1)));
        }
    }
}
