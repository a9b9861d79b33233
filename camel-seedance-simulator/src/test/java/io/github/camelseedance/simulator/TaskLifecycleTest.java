package io.github.camelseedance.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TaskLifecycleTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofSeconds(3)).syntheticVideos(1_000).build();

    TestApi api() {
        return new TestApi(SIM.simulator());
    }

    @Test
    void runningTaskAnswersOneProcessingItemPerResultWithoutProgressOrTaskType() {
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 3);
        api().submit(task);
        String uuid = (String) task.get("taskUUID");

        TestApi.Answer first = api().poll(uuid);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).containsOnlyKeys("data");
        assertThat(first.data()).hasSize(3).allSatisfy(item -> assertThat(item)
                .isEqualTo(Map.of("taskUUID", uuid, "status", "processing")));
        assertThat(SIM.simulator().task(uuid)).get().satisfies(t -> {
            assertThat(t.state()).isEqualTo("processing");
            assertThat(t.results()).isZero();
        });
    }

    @Test
    void progressAndTaskTypeOfProcessingItemsAreOptions() {
        try (RunwareSimulator sim = RunwareSimulator.builder().progress(true).processingTaskType(true)
                .renderTime(Duration.ofSeconds(3)).syntheticVideos(10).build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2);
            api.submit(task);
            String uuid = (String) task.get("taskUUID");

            TestApi.Answer first = api.poll(uuid);
            assertThat(first.data()).hasSize(2).allSatisfy(item -> assertThat(item)
                    .containsEntry("taskType", "videoInference").containsEntry("taskUUID", uuid)
                    .containsEntry("status", "processing").containsKey("progress"));
            int progress = (int) first.data().get(0).get("progress");
            assertThat(progress).isBetween(0, 99);
            await().untilAsserted(() -> assertThat((int) api.poll(uuid).processing().get(0).get("progress"))
                    .isGreaterThan(progress));
        }
    }

    @Test
    void resultsAppearOneByOneEachWithItsOwnSeedAndVideo() {
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 3);
        api().submit(task);
        String uuid = (String) task.get("taskUUID");

        for (int finished = 1; finished <= 2; finished++) {
            int expected = finished;
            TestApi.Answer partial = await().until(() -> api().poll(uuid), a -> a.successes().size() == expected);
            assertThat(partial.data()).hasSize(3);
            assertThat(partial.processing()).hasSize(3 - expected);
        }
        await().until(() -> api().poll(uuid).successes().size() == 3);

        TestApi.Answer done = api().poll(uuid);
        assertThat(done.data()).hasSize(3).allSatisfy(item -> assertThat(item)
                .containsEntry("taskType", "videoInference").containsEntry("status", "success")
                .containsEntry("taskUUID", uuid).containsKeys("videoUUID", "videoURL", "seed")
                .doesNotContainKeys("cost", "progress", "resultIndex"));
        assertThat(done.data()).extracting(i -> i.get("seed")).doesNotHaveDuplicates();
        assertThat(done.data()).extracting(i -> i.get("videoUUID")).doesNotHaveDuplicates();
        assertThat(done.data()).allSatisfy(i -> assertThat((String) i.get("videoURL"))
                .isEqualTo("http://127.0.0.1:" + SIM.simulator().port() + "/media/" + i.get("videoUUID") + ".mp4"));
        assertThat(SIM.simulator().task(uuid)).get().satisfies(t -> {
            assertThat(t.state()).isEqualTo("success");
            assertThat(t.progress()).isEqualTo(100);
            assertThat(t.results()).isEqualTo(3);
            assertThat(t.failedResults()).isZero();
        });
        assertThat(SIM.requests().billedResults()).isEqualTo(3);
        assertThat(SIM.requests().billedUsd()).isEqualByComparingTo("0.432");
    }

    @Test
    void itemsComeInAnOrderDrawnFromTheSeed() {
        List<List<Object>> orders = pollOrders(42, true);
        assertThat(orders).hasSize(8);
        assertThat(orders.stream().distinct().count()).as("orders differ between polls").isGreaterThan(1);
        assertThat(orders.get(0)).containsExactlyInAnyOrderElementsOf(orders.get(1));
        assertThat(pollOrders(42, true)).as("reproducible from the seed").isEqualTo(orders);
        assertThat(pollOrders(42, false).stream().distinct().count()).as("result order without shuffling")
                .isEqualTo(1);
    }

    private static List<List<Object>> pollOrders(long seed, boolean shuffle) {
        try (RunwareSimulator sim = RunwareSimulator.builder().seed(seed).shuffleResults(shuffle)
                .syntheticVideos(1).build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "taskUUID",
                    "0f8fad5b-d9cb-469f-a165-70867728950e", "numberResults", 4);
            api.submit(task);
            sim.completeAll();
            List<List<Object>> orders = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                orders.add(api.poll((String) task.get("taskUUID")).data().stream()
                        .map(d -> d.get("videoUUID")).toList());
            }
            return orders;
        }
    }

    @Test
    void resultIndexIsAnOption() {
        try (RunwareSimulator sim = RunwareSimulator.builder().resultIndex(true).renderTime(Duration.ofSeconds(30))
                .syntheticVideos(1).build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 3);
            api.submit(task);
            assertThat(api.poll((String) task.get("taskUUID")).data()).extracting(d -> d.get("resultIndex"))
                    .containsExactlyInAnyOrder(0, 1, 2);
            sim.completeAll();
            assertThat(api.poll((String) task.get("taskUUID")).successes()).extracting(d -> d.get("resultIndex"))
                    .containsExactlyInAnyOrder(0, 1, 2);
        }
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
    void finishedAtIsUnsetWhileProcessingAndSetWhenTheLastResultOrTheFailureLands() {
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2);
        api().submit(task);
        String uuid = (String) task.get("taskUUID");
        assertThat(SIM.simulator().task(uuid).orElseThrow().finishedAt()).isNull();

        java.time.Instant before = java.time.Instant.now();
        await().until(() -> "success".equals(SIM.simulator().task(uuid).orElseThrow().state()));
        java.time.Instant finished = SIM.simulator().task(uuid).orElseThrow().finishedAt();
        assertThat(finished).isNotNull().isAfterOrEqualTo(before).isBeforeOrEqualTo(java.time.Instant.now());
        assertThat(SIM.simulator().task(uuid).orElseThrow().finishedAt()).isEqualTo(finished);

        SIM.faults().failNextTasks("providerError", 1);
        Map<String, Object> failing = TestApi.videoTask();
        api().submit(failing);
        SIM.simulator().completeAll();
        assertThat(SIM.simulator().task((String) failing.get("taskUUID")).orElseThrow().finishedAt()).isNotNull();
    }

    @Test
    void costFollowsTheModelsPriceTable() {
        ModelRules mini = ModelRules.find("bytedance:seedance@2.0-mini").orElseThrow();
        assertThat(mini.taskCost(Resolution.R720P, 5, 1, false)).isEqualByComparingTo("0.405");
        assertThat(mini.taskCost(Resolution.R480P, 4, 1, true)).as("video to video").isEqualByComparingTo("0.172");
        assertThat(mini.taskCost(Resolution.R720P, 5, 2, true)).isEqualByComparingTo("0.96");
        assertThat(ModelRules.find("bytedance:seedance@2.0-fast").orElseThrow().taskCost(Resolution.R480P, 4, 3, false))
                .isEqualByComparingTo("0.6");
        assertThat(ModelRules.find("bytedance:seedance@2.0").orElseThrow().taskCost(Resolution.R4K, 10, 1, false))
                .isEqualByComparingTo("8.0");
        assertThat(ModelRules.find("bytedance:seedance@2.0").orElseThrow().costPerResult(Resolution.R1080P, 7, false))
                .isEqualByComparingTo("2.31");
    }

    @Test
    void taskFailingAsAWholeAnswersOneErrorEntryWithItsCode() {
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
            assertThat(t.failedResults()).isEqualTo(1);
            assertThat(t.billedCost()).isZero();
        });
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
        assertThat(SIM.requests().billedResults()).isZero();
        assertThat(SIM.requests().failedResults()).isEqualTo(1);
    }

    @Test
    void failingTaskEndsInErrorOnItsOwnWithoutCompleteAll() {
        SIM.faults().failNextTasks("timeoutProvider", 1);
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 4);
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
                .containsEntry("taskUUID", unknown).containsEntry("parameter", "taskUUID");
        assertThat(SIM.simulator().task(unknown)).isEmpty();
    }

    @Test
    void theNotFoundCodeIsAnOption() {
        for (String code : List.of("taskExpired", "taskFailedOrNotFound")) {
            try (RunwareSimulator sim = RunwareSimulator.builder().taskNotFoundCode(code).syntheticVideos(1)
                    .build().start()) {
                TestApi api = new TestApi(sim);
                String unknown = UUID.randomUUID().toString();
                assertThat(api.poll(unknown).error()).containsEntry("code", code);
                assertThat(api.post(List.of(Map.of("taskType", "getTaskDetails", "taskUUID", unknown))).error())
                        .containsEntry("code", code);
                Map<String, Object> task = TestApi.videoTask();
                api.submit(task);
                sim.expireTask((String) task.get("taskUUID"));
                assertThat(api.poll((String) task.get("taskUUID")).error()).containsEntry("code", code);
            }
        }
    }

    @Test
    void reusedTaskUUIDAnswersConflictTaskUUIDAndIsCounted() {
        Map<String, Object> task = TestApi.videoTask();
        String uuid = (String) task.get("taskUUID");
        assertThat(api().submit(task).status()).isEqualTo(200);

        TestApi.Answer again = api().submit(task);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json()).containsOnlyKeys("errors");
        assertThat(again.error()).containsEntry("code", "conflictTaskUUID").containsEntry("parameter", "taskUUID")
                .containsEntry("message", "taskUUID already exists").containsEntry("taskUUID", uuid)
                .containsEntry("taskType", "videoInference");
        assertThat(SIM.requests().conflicts()).isEqualTo(1);
        assertThat(SIM.requests().submissions(uuid)).isEqualTo(2);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void reusedTaskUUIDInsideOneRequestIsAConflict() {
        Map<String, Object> task = TestApi.videoTask();
        TestApi.Answer answer = api().post(List.of(task, task));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data()).hasSize(1);
        assertThat(answer.error()).containsEntry("code", "conflictTaskUUID");
        assertThat(SIM.requests().conflicts()).isEqualTo(1);
    }

    @Test
    void aTaskUUIDStaysInUseWhileGetTaskDetailsKnowsTheTask() {
        Map<String, Object> task = TestApi.videoTask();
        api().submit(task);
        SIM.simulator().completeAll();
        SIM.simulator().expireTask((String) task.get("taskUUID"));

        assertThat(api().submit(task).error()).containsEntry("code", "conflictTaskUUID");
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void rejectedTaskDoesNotConsumeItsUUID() {
        Map<String, Object> task = TestApi.videoTask();
        assertThat(api().submit(TestApi.with(task, "duration", 99)).status()).isEqualTo(400);
        assertThat(api().submit(task).status()).isEqualTo(200);
        assertThat(SIM.requests().submissions((String) task.get("taskUUID"))).isEqualTo(2);
        assertThat(SIM.requests().conflicts()).isZero();
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
