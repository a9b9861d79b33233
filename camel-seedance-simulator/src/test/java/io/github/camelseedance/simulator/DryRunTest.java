package io.github.camelseedance.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
        assertThat(answer.error()).containsEntry("code", "unsupportedDuration");
    }

    @Test
    void dryRunPricesEachModel() {
        Map<String, Object> full4k = TestApi.with(TestApi.videoTask(), "model", "bytedance:seedance@2.0",
                "width", 3840, "height", 2160, "duration", 5);
        assertThat(new BigDecimal(dryRun(full4k).data().get(0).get("cost").toString())).isEqualByComparingTo("4.0");
    }
}
