package io.github.camelseedance.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class RequestJournalTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder().renderTime(Duration.ofSeconds(30))
            .syntheticVideos(10).build();

    @Test
    void bearerKeyIsMaskedInTheRecordedHeaders() {
        new TestApi(SIM.simulator()).submit(TestApi.videoTask());

        RecordedRequest request = SIM.requests().apiRequests().get(0);
        assertThat(request.headers()).hasEntrySatisfying("Authorization",
                values -> assertThat(values).containsExactly("Bearer ***"));
        assertThat(request.toString()).doesNotContain(SIM.apiKey());
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1");
        assertThat(request.status()).isEqualTo(200);
        assertThat(request.dryRun()).isFalse();
        assertThat(request.receivedAt()).isNotNull();
    }

    @Test
    void authenticationTaskKeyIsMaskedInBodyAndTasks() {
        new TestApi(SIM.simulator()).post(List.of(Map.of("taskType", "authentication", "apiKey", SIM.apiKey()),
                TestApi.videoTask()), Map.of());

        RecordedRequest request = SIM.requests().apiRequests().get(0);
        assertThat(request.status()).isEqualTo(200);
        assertThat(request.body()).doesNotContain(SIM.apiKey()).contains("\"apiKey\":\"***\"");
        assertThat(SIM.requests().tasks("authentication")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("apiKey", "***"));
        assertThat(SIM.requests().count("authentication")).isEqualTo(1);
    }

    @Test
    void countsAndTasksByTypeIncludeRejectedTasks() {
        TestApi api = new TestApi(SIM.simulator());
        Map<String, Object> good = TestApi.videoTask();
        Map<String, Object> bad = TestApi.with(TestApi.videoTask(), "duration", 1);
        api.post(List.of(good, bad));
        api.poll((String) good.get("taskUUID"));

        assertThat(SIM.requests().count("videoInference")).isEqualTo(2);
        assertThat(SIM.requests().count("getResponse")).isEqualTo(1);
        assertThat(SIM.requests().count("imageUpload")).isZero();
        assertThat(SIM.requests().tasks("videoInference")).extracting(t -> t.get("taskUUID"))
                .containsExactly(good.get("taskUUID"), bad.get("taskUUID"));
        assertThat(SIM.requests().submissions((String) bad.get("taskUUID"))).isEqualTo(1);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
        assertThat(SIM.requests().apiRequests()).extracting(RecordedRequest::status).containsExactly(200, 200);
    }

    @Test
    void mediaDownloadsAreRecordedInAllButNotInApiRequests() {
        TestApi api = new TestApi(SIM.simulator());
        Map<String, Object> task = TestApi.videoTask();
        api.submit(task);
        SIM.simulator().completeAll();
        String url = (String) api.poll((String) task.get("taskUUID")).data().get(0).get("videoURL");
        TestApi.get(url);

        assertThat(SIM.requests().all()).extracting(RecordedRequest::method).containsExactly("POST", "POST", "GET");
        assertThat(SIM.requests().all().get(2).path()).startsWith("/media/");
        assertThat(SIM.requests().apiRequests()).hasSize(2);
        assertThat(SIM.requests().mediaDownloads()).isEqualTo(1);
    }

    @Test
    void clearForgetsEverything() {
        TestApi api = new TestApi(SIM.simulator());
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2);
        SIM.faults().failResultOfNextTasks(0, "providerError", 1).notReadyOnFirstGetOfNextVideos(2);
        api.submit(task);
        api.submit(task);
        SIM.simulator().completeAll();
        String url = (String) api.poll((String) task.get("taskUUID")).successes().get(0).get("videoURL");
        TestApi.get(url);
        api.post(List.of(Map.of("taskType", "getTaskDetails", "taskUUID", task.get("taskUUID"))));
        RequestJournal journal = SIM.requests();
        assertThat(List.of(journal.billedTasks(), journal.billedResults(), journal.failedResults(),
                journal.conflicts(), journal.getResponseRequests(), journal.notReadyAnswers(),
                journal.taskDetailsCalls(), journal.mediaDownloads())).containsExactly(1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(journal.billedUsd()).isEqualByComparingTo("0.144");

        journal.clear();

        assertThat(journal.all()).isEmpty();
        assertThat(journal.count("videoInference")).isZero();
        assertThat(List.of(journal.billedTasks(), journal.billedResults(), journal.failedResults(),
                journal.conflicts(), journal.getResponseRequests(), journal.notReadyAnswers(),
                journal.taskDetailsCalls(), journal.mediaDownloads(), journal.unansweredGetResponses()))
                .containsOnly(0);
        assertThat(journal.billedUsd()).isZero();
        assertThat(journal.getResponseBatchSizes()).isEmpty();
    }

    @Test
    void listsAreBoundedButCountersStayExact() {
        try (RunwareSimulator sim = RunwareSimulator.builder().journalLimit(3).syntheticVideos(1).build().start()) {
            TestApi api = new TestApi(sim);
            for (int i = 0; i < 5; i++) {
                api.submit(TestApi.videoTask());
            }
            assertThat(sim.requests().all()).hasSize(3);
            assertThat(sim.requests().count("videoInference")).isEqualTo(5);
            assertThat(sim.requests().billedTasks()).isEqualTo(5);
        }
    }
}
