package io.github.camelseedance.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskLifecycleTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(1500)).syntheticVideos(1_000).build();

    TestApi api() {
        return new TestApi(SIM.simulator());
    }

    @Test
    void runningTaskAnswersOneProcessingItemWithGrowingProgress() {
        Map<String, Object> task = TestApi.videoTask();
        api().submit(task);
        String uuid = (String) task.get("taskUUID");

        TestApi.Answer first = api().poll(uuid);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data()).singleElement().satisfies(item -> assertThat(item)
                .containsEntry("taskType", "videoInference").containsEntry("taskUUID", uuid)
                .containsEntry("status", "processing").containsKey("progress"));
        int progress = (int) first.data().get(0).get("progress");
        assertThat(progress).isBetween(0, 99);

        await().untilAsserted(() -> assertThat((int) api().poll(uuid).data().get(0).get("progress"))
                .isGreaterThan(progress));
        assertThat(SIM.simulator().task(uuid)).get().satisfies(t -> {
            assertThat(t.state()).isEqualTo("processing");
            assertThat(t.results()).isZero();
        });
    }

    @Test
    void resultsAppearOneByOneEachWithItsOwnSeedAndVideo() {
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 3);
        api().submit(task);
        String uuid = (String) task.get("taskUUID");

        for (int finished = 1; finished <= 2; finished++) {
            int expected = finished;
            await().until(() -> api().poll(uuid).successes().size() == expected);
        }
        await().until(() -> api().poll(uuid).successes().size() == 3);

        TestApi.Answer done = api().poll(uuid);
        assertThat(done.data()).hasSize(3).allSatisfy(item -> assertThat(item)
                .containsEntry("status", "success").containsEntry("taskUUID", uuid)
                .containsKeys("videoUUID", "videoURL", "seed").doesNotContainKey("cost"));
        assertThat(done.data()).extracting(i -> i.get("seed")).doesNotHaveDuplicates();
        assertThat(done.data()).extracting(i -> i.get("videoUUID")).doesNotHaveDuplicates();
        assertThat(done.data()).allSatisfy(i -> assertThat((String) i.get("videoURL"))
                .isEqualTo("http://127.0.0.1:" + SIM.simulator().port() + "/media/" + i.get("videoUUID") + ".mp4"));
        assertThat(SIM.simulator().task(uuid)).get().satisfies(t -> {
            assertThat(t.state()).isEqualTo("success");
            assertThat(t.progress()).isEqualTo(100);
            assertThat(t.results()).isEqualTo(3);
        });
    }

    @Test
    void whilePartlyDoneThePollHoldsTheFinishedItemsAndOneProcessingItem() {
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2);
        api().submit(task);
        String uuid = (String) task.get("taskUUID");

        TestApi.Answer partial = await().until(() -> api().poll(uuid), a -> a.successes().size() == 1);

        assertThat(partial.data()).hasSize(2);
        assertThat(partial.data().get(0)).containsEntry("status", "success");
        assertThat(partial.data().get(1)).containsEntry("status", "processing").containsKey("progress");
    }

    @Test
    void includeCostPutsThePricePerResultOnEachItem() {
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "includeCost", true, "numberResults", 2);
        api().submit(task);
        SIM.simulator().completeAll();

        List<Map<String, Object>> items = api().poll((String) task.get("taskUUID")).data();
        assertThat(items).hasSize(2).allSatisfy(i -> assertThat(new BigDecimal(i.get("cost").toString()))
                .isEqualByComparingTo("0.144"));
        assertThat(SIM.simulator().task((String) task.get("taskUUID")).orElseThrow().cost())
                .isEqualByComparingTo("0.288");
    }

    @Test
    void costFollowsTheModelsPriceTable() {
        assertThat(ModelRules.find("bytedance:seedance@2.0-mini").orElseThrow().taskCost(Resolution.R720P, 5, 1))
                .isEqualByComparingTo("0.405");
        assertThat(ModelRules.find("bytedance:seedance@2.0-fast").orElseThrow().taskCost(Resolution.R480P, 4, 3))
                .isEqualByComparingTo("0.6");
        assertThat(ModelRules.find("bytedance:seedance@2.0").orElseThrow().taskCost(Resolution.R4K, 10, 1))
                .isEqualByComparingTo("8.0");
        assertThat(ModelRules.find("bytedance:seedance@2.0").orElseThrow().costPerResult(Resolution.R1080P, 7))
                .isEqualByComparingTo("2.31");
    }

    @Test
    void failedTaskAnswersAnErrorEntryWithItsCode() {
        SIM.faults().taskFailureRate("providerError", 1.0);
        Map<String, Object> task = TestApi.videoTask();
        assertThat(api().submit(task).status()).isEqualTo(200);
        String uuid = (String) task.get("taskUUID");
        SIM.simulator().completeAll();

        TestApi.Answer answer = api().poll(uuid);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data()).isEmpty();
        assertThat(answer.error()).containsEntry("code", "providerError").containsEntry("status", "error")
                .containsEntry("taskUUID", uuid).containsEntry("taskType", "videoInference").containsKey("message");
        assertThat(SIM.simulator().task(uuid)).get().satisfies(t -> {
            assertThat(t.state()).isEqualTo("error");
            assertThat(t.errorCode()).isEqualTo("providerError");
        });
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void failingTaskEndsInErrorOnItsOwnWithoutCompleteAll() {
        SIM.faults().failNextTasks("timeoutProvider", 1);
        Map<String, Object> task = TestApi.with(TestApi.videoTask());
        api().submit(task);
        await().until(() -> !api().poll((String) task.get("taskUUID")).errors().isEmpty());
        assertThat(api().poll((String) task.get("taskUUID")).error()).containsEntry("code", "timeoutProvider");
    }

    @Test
    void getResponseAnswersSeveralTasksInOneRequest() {
        Map<String, Object> ok1 = TestApi.with(TestApi.videoTask(), "numberResults", 2);
        Map<String, Object> failing = TestApi.videoTask();
        Map<String, Object> ok2 = TestApi.videoTask();
        api().submit(ok1);
        SIM.faults().failNextTasks("providerUnavailable", 1);
        api().submit(failing);
        api().submit(ok2);
        SIM.simulator().completeAll();
        String unknown = UUID.randomUUID().toString();

        TestApi.Answer answer = api().poll((String) ok1.get("taskUUID"), (String) failing.get("taskUUID"),
                (String) ok2.get("taskUUID"), unknown);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data()).extracting(d -> d.get("taskUUID"))
                .containsExactly(ok1.get("taskUUID"), ok1.get("taskUUID"), ok2.get("taskUUID"));
        assertThat(answer.errors()).hasSize(2);
        assertThat(answer.errors().get(0)).containsEntry("code", "providerUnavailable")
                .containsEntry("taskUUID", failing.get("taskUUID"));
        assertThat(answer.errors().get(1)).containsEntry("code", "taskNotFound").containsEntry("taskUUID", unknown)
                .containsEntry("taskType", "getResponse");
    }

    @Test
    void unknownTaskAnswersTaskNotFound() {
        String unknown = UUID.randomUUID().toString();
        TestApi.Answer answer = api().poll(unknown);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).containsEntry("code", "taskNotFound").containsEntry("taskType", "getResponse")
                .containsEntry("taskUUID", unknown);
        assertThat(SIM.simulator().task(unknown)).isEmpty();
    }

    @Test
    void duplicateTaskUUIDIsRejectedAndCounted() {
        Map<String, Object> task = TestApi.videoTask();
        String uuid = (String) task.get("taskUUID");
        assertThat(api().submit(task).status()).isEqualTo(200);

        TestApi.Answer again = api().submit(task);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.error()).containsEntry("code", "duplicateTaskUUID").containsEntry("parameter", "taskUUID")
                .containsEntry("taskUUID", uuid);
        assertThat(SIM.requests().duplicateSubmits()).isEqualTo(1);
        assertThat(SIM.requests().submissions(uuid)).isEqualTo(2);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void duplicateInsideOneRequestIsRejected() {
        Map<String, Object> task = TestApi.videoTask();
        TestApi.Answer answer = api().post(List.of(task, task));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data()).hasSize(1);
        assertThat(answer.error()).containsEntry("code", "duplicateTaskUUID");
        assertThat(SIM.requests().duplicateSubmits()).isEqualTo(1);
    }

    @Test
    void rejectedTaskDoesNotConsumeItsUUID() {
        Map<String, Object> task = TestApi.videoTask();
        assertThat(api().submit(TestApi.with(task, "duration", 99)).status()).isEqualTo(400);
        assertThat(api().submit(task).status()).isEqualTo(200);
        assertThat(SIM.requests().submissions((String) task.get("taskUUID"))).isEqualTo(2);
        assertThat(SIM.requests().duplicateSubmits()).isZero();
    }

    @Test
    void completeAllFinishesEveryRunningTask() {
        Map<String, Object> a = TestApi.with(TestApi.videoTask(), "numberResults", 4);
        Map<String, Object> b = TestApi.videoTask();
        api().post(List.of(a, b));

        SIM.simulator().completeAll();

        assertThat(api().poll((String) a.get("taskUUID")).successes()).hasSize(4);
        assertThat(api().poll((String) b.get("taskUUID")).successes()).hasSize(1);
    }

    @Test
    void resetForgetsTasks() {
        Map<String, Object> task = TestApi.videoTask();
        api().submit(task);
        SIM.simulator().reset();
        assertThat(api().poll((String) task.get("taskUUID")).error()).containsEntry("code", "taskNotFound");
        assertThat(SIM.requests().billedTasks()).isZero();
    }
}
