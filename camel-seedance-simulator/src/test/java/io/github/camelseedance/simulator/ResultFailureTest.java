package io.github.camelseedance.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One result of a task fails while its siblings succeed and are billed. */
@SuppressWarnings("unchecked")
class ResultFailureTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder().renderTime(Duration.ofSeconds(30))
            .syntheticVideos(10).deliveryRetry(1, Duration.ZERO).build();

    TestApi api() {
        return new TestApi(SIM.simulator());
    }

    @Test
    void scriptedResultFailsWhileItsSiblingsSucceedAndAreBilled() {
        SIM.faults().failResultOfNextTasks(1, "providerContentPolicyViolation", 1);
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 3);
        String uuid = (String) task.get("taskUUID");
        api().submit(task);
        SIM.simulator().completeAll();

        TestApi.Answer answer = api().poll(uuid);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.successes()).hasSize(2).allSatisfy(i -> assertThat(i).containsKey("videoURL"));
        assertThat(answer.data()).hasSize(2);
        assertThat(answer.errors()).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("code", "providerContentPolicyViolation").containsEntry("status", "error")
                .containsEntry("taskUUID", uuid).containsEntry("taskType", "videoInference").containsKey("message"));
        assertThat(SIM.simulator().task(uuid)).get().satisfies(t -> {
            assertThat(t.state()).as("at least one result succeeded").isEqualTo("success");
            assertThat(t.results()).isEqualTo(2);
            assertThat(t.failedResults()).isEqualTo(1);
            assertThat(t.errorCode()).isEqualTo("providerContentPolicyViolation");
            assertThat(t.billedCost()).isEqualByComparingTo("0.288");
        });
        assertThat(SIM.requests().billedResults()).isEqualTo(2);
        assertThat(SIM.requests().failedResults()).isEqualTo(1);
        assertThat(SIM.requests().billedUsd()).isEqualByComparingTo("0.288");
    }

    @Test
    void scriptedEntriesAddUpAndSkipTasksWithTooFewResults() {
        SIM.faults().failResultOfNextTasks(0, "providerError", 1).failResultOfNextTasks(2, "timeoutProvider", 1);
        Map<String, Object> single = TestApi.videoTask();
        Map<String, Object> triple = TestApi.with(TestApi.videoTask(), "numberResults", 3);
        api().post(List.of(single, triple));
        SIM.simulator().completeAll();

        assertThat(SIM.simulator().task((String) single.get("taskUUID")).orElseThrow().state()).isEqualTo("error");
        assertThat(api().poll((String) triple.get("taskUUID"))).satisfies(a -> {
            assertThat(a.successes()).hasSize(2);
            assertThat(a.errors()).extracting(e -> e.get("code")).containsExactly("timeoutProvider");
        });
    }

    @Test
    void theDataItemFormEmbedsTheError() {
        try (RunwareSimulator sim = RunwareSimulator.builder().resultErrorForm(ResultErrorForm.DATA_ITEM)
                .resultIndex(true).syntheticVideos(1).build().start()) {
            sim.faults().failResultOfNextTasks(1, "providerError", 1);
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2);
            api.submit(task);
            sim.completeAll();

            TestApi.Answer answer = api.poll((String) task.get("taskUUID"));

            assertThat(answer.json()).containsOnlyKeys("data");
            assertThat(answer.data()).hasSize(2).filteredOn(d -> "error".equals(d.get("status"))).singleElement()
                    .satisfies(item -> {
                        assertThat(item).containsEntry("taskUUID", task.get("taskUUID"))
                                .containsEntry("taskType", "videoInference").containsEntry("resultIndex", 1)
                                .doesNotContainKey("videoURL");
                        assertThat((Map<String, Object>) item.get("error")).containsEntry("code", "providerError")
                                .containsKey("message");
                    });
            assertThat(answer.successes()).singleElement()
                    .satisfies(i -> assertThat(i).containsEntry("resultIndex", 0));
        }
    }

    @Test
    void resultIndexMarksWhichResultFailedInTheErrorsEntry() {
        try (RunwareSimulator sim = RunwareSimulator.builder().resultIndex(true).syntheticVideos(1).build().start()) {
            sim.faults().failResultOfNextTasks(2, "providerError", 1);
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 3);
            api.submit(task);
            sim.completeAll();
            assertThat(api.poll((String) task.get("taskUUID")).error()).containsEntry("resultIndex", 2);
        }
    }

    @Test
    void resultFailureRateFailsResultsOneByOneReproducibly() {
        assertThat(outcomes(11)).isEqualTo(outcomes(11)).contains("success", "providerError");
    }

    private static List<String> outcomes(long seed) {
        try (RunwareSimulator sim = RunwareSimulator.builder().seed(seed).syntheticVideos(1).build().start()) {
            sim.faults().resultFailureRate("providerError", 0.5);
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 4);
            api.submit(task);
            sim.completeAll();
            SimulatedTask t = sim.task((String) task.get("taskUUID")).orElseThrow();
            assertThat(t.results() + t.failedResults()).isEqualTo(4);
            assertThat(sim.requests().billedResults()).isEqualTo(t.results());
            List<String> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < t.results(); i++) {
                outcomes.add("success");
            }
            for (int i = 0; i < t.failedResults(); i++) {
                outcomes.add("providerError");
            }
            return outcomes;
        }
    }

    @Test
    void everyResultFailingEndsTheTaskInErrorWithOneEntryPerResult() {
        SIM.faults().resultFailureRate("providerError", 1.0);
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2);
        api().submit(task);
        SIM.simulator().completeAll();

        TestApi.Answer answer = api().poll((String) task.get("taskUUID"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.errors()).hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("code", "providerError"));
        assertThat(SIM.simulator().task((String) task.get("taskUUID")).orElseThrow().state()).isEqualTo("error");
        assertThat(SIM.requests().billedResults()).isZero();
        assertThat(SIM.requests().billedUsd()).isZero();
    }

    @Test
    void aFailedResultIsPostedToTheWebhookAsItsOwnCall() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            failedResultIsPostedToTheWebhook(receiver);
        }
    }

    private void failedResultIsPostedToTheWebhook(TestReceiver receiver) throws Exception {
        SIM.faults().failResultOfNextTasks(0, "providerError", 1);
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2,
                "webhookURL", receiver.url("/hook"), "uploadEndpoint", receiver.url("/bucket"));
        api().submit(task);
        SIM.simulator().completeAll();

        await().until(() -> receiver.received().size() == 3);
        List<Map<String, Object>> bodies = new java.util.ArrayList<>();
        for (TestReceiver.Received call : receiver.received()) {
            if (call.path().equals("/hook")) {
                bodies.add(TestApi.MAPPER.readValue(call.text(), Map.class));
            }
        }
        assertThat(bodies).hasSize(2);
        assertThat(bodies).filteredOn(b -> b.containsKey("errors")).singleElement()
                .satisfies(b -> assertThat((List<Map<String, Object>>) b.get("errors")).singleElement()
                        .satisfies(e -> assertThat(e)
                                .containsEntry("code", "providerError")
                                .containsEntry("taskUUID", task.get("taskUUID"))));
        assertThat(bodies).filteredOn(b -> b.containsKey("data")).hasSize(1);
        assertThat(receiver.received()).filteredOn(r -> r.path().equals("/bucket")).as("only the success is uploaded")
                .hasSize(1);
    }

    @Test
    void aTaskFailingAsAWholeCountsEveryResultAsFailed() {
        SIM.faults().failNextTasks("timeoutProvider", 1);
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 3);
        api().submit(task);
        SIM.simulator().completeAll();

        assertThat(api().poll((String) task.get("taskUUID")).errors()).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("code", "timeoutProvider"));
        assertThat(SIM.requests().failedResults()).isEqualTo(3);
        assertThat(SIM.simulator().task((String) task.get("taskUUID")).orElseThrow().failedResults()).isEqualTo(3);
    }
}
