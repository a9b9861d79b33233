package io.github.camelseedance.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** getTaskDetails answers the original request and response of a past task, also once getResponse forgot it. */
@SuppressWarnings("unchecked")
class TaskDetailsTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder().renderTime(Duration.ofSeconds(30))
            .syntheticVideos(10).build();

    TestApi api() {
        return new TestApi(SIM.simulator());
    }

    TestApi.Answer details(String taskUUID) {
        return api().post(List.of(Map.of("taskType", "getTaskDetails", "taskUUID", taskUUID)));
    }

    @Test
    void answersTheRequestAsSentAndTheFinalResponse() {
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2, "includeCost", true);
        String uuid = (String) task.get("taskUUID");
        api().submit(task);
        SIM.simulator().completeAll();
        List<Map<String, Object>> polled = api().poll(uuid).data();

        TestApi.Answer answer = details(uuid);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data()).singleElement().satisfies(item -> {
            assertThat(item).containsOnlyKeys("taskType", "taskUUID", "request", "response")
                    .containsEntry("taskType", "getTaskDetails").containsEntry("taskUUID", uuid);
            assertThat((List<Object>) item.get("request")).containsExactly(task);
            Map<String, Object> response = (Map<String, Object>) item.get("response");
            assertThat(response).containsOnlyKeys("data");
            assertThat((List<Object>) response.get("data")).containsExactlyInAnyOrderElementsOf(polled);
        });
        assertThat(SIM.requests().taskDetailsCalls()).isEqualTo(1);
    }

    @Test
    void stillAnswersAfterGetResponseForgotTheTask() {
        Map<String, Object> task = TestApi.videoTask();
        String uuid = (String) task.get("taskUUID");
        api().submit(task);
        SIM.simulator().completeAll();
        String videoURL = (String) api().poll(uuid).data().get(0).get("videoURL");

        assertThat(SIM.simulator().expireTask(uuid)).isTrue();

        assertThat(api().poll(uuid).error()).containsEntry("code", "taskNotFound");
        Map<String, Object> response = (Map<String, Object>) details(uuid).data().get(0).get("response");
        assertThat((List<Map<String, Object>>) response.get("data")).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("videoURL", videoURL).containsEntry("status", "success"));
    }

    @Test
    void showsARunningTaskAndFailedResults() {
        SIM.faults().failResultOfNextTasks(0, "providerError", 1);
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2);
        String uuid = (String) task.get("taskUUID");
        api().submit(task);

        Map<String, Object> running = (Map<String, Object>) details(uuid).data().get(0).get("response");
        assertThat((List<Map<String, Object>>) running.get("data")).hasSize(2)
                .allSatisfy(i -> assertThat(i).containsEntry("status", "processing"));

        SIM.simulator().completeAll();
        Map<String, Object> done = (Map<String, Object>) details(uuid).data().get(0).get("response");
        assertThat((List<Map<String, Object>>) done.get("errors")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("code", "providerError").containsEntry("taskUUID", uuid));
        assertThat((List<Map<String, Object>>) done.get("data")).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("status", "success"));
    }

    @Test
    void unknownTaskAnswersTheNotFoundCode() {
        String unknown = UUID.randomUUID().toString();
        TestApi.Answer answer = details(unknown);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).containsEntry("code", "taskNotFound").containsEntry("taskType", "getTaskDetails")
                .containsEntry("taskUUID", unknown);
        assertThat(SIM.requests().taskDetailsCalls()).isEqualTo(1);
        assertThat(api().post(List.of(Map.of("taskType", "getTaskDetails"))).error())
                .containsEntry("code", "missingTaskUUID");
    }

    @Test
    void forgetsTheTaskAfterTheRetention() {
        try (RunwareSimulator sim = RunwareSimulator.builder().taskDetailsRetention(Duration.ofMillis(300))
                .syntheticVideos(1).build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.videoTask();
            String uuid = (String) task.get("taskUUID");
            api.submit(task);
            sim.completeAll();
            sim.expireTask(uuid);

            await().until(
                    () -> api.post(List.of(Map.of("taskType", "getTaskDetails", "taskUUID", uuid))).status() == 400);
            assertThat(api.submit(task).status()).as("the taskUUID is free again").isEqualTo(200);
        }
    }
}
