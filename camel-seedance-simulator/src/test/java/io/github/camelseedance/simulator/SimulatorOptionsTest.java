package io.github.camelseedance.simulator;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorOptionsTest {

    @Test
    void helpListsEveryFlag() {
        assertThat(SimulatorOptions.parse("--help").help()).isTrue();
        assertThat(SimulatorOptions.parse("-h").help()).isTrue();
        assertThat(SimulatorOptions.USAGE).contains("--port", "--api-key", "--render-time", "--render-spread",
                "--synthetic-bytes", "--seed", "--http-error-rate", "--reset-rate", "--slow-answers",
                "--malformed-json-rate", "--task-failure-rate", "--webhook-loss-rate", "--webhook-duplicate-rate",
                "--delivery-attempts", "--delivery-backoff", "--delivery-concurrency", "--delivery-timeout",
                "--http-threads",
                "--progress",
                "--processing-task-type",
                "--shuffle-results", "--result-index", "--task-not-found-code", "--get-response-batching",
                "--singular-errors", "--result-error-form", "--task-details-retention", "--result-failure-rate",
                "--not-ready-rate");
    }

    @Test
    void deliveryConcurrencyAndTimeoutMustBePositive() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--delivery-concurrency", "0").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deliveryConcurrency");
        assertThatThrownBy(() -> SimulatorOptions.parse("--delivery-timeout", "0s").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deliveryTimeout");
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        assertThat(SimulatorOptions.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SimulatorOptions.duration("3s")).isEqualTo(Duration.ofSeconds(3));
        assertThat(SimulatorOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SimulatorOptions.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(SimulatorOptions.duration("PT0.25S")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> SimulatorOptions.duration("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flagsConfigureTheSimulator() {
        SimulatorOptions options = SimulatorOptions.parse("--port", "0", "--api-key=k1", "--render-time", "500ms",
                "--render-spread", "100ms", "--synthetic-bytes", "2k", "--seed", "9", "--delivery-attempts", "2",
                "--delivery-backoff", "10ms", "--delivery-concurrency", "3", "--delivery-timeout", "2s",
                "--http-threads",
                "4");
        try (RunwareSimulator sim = options.build().start()) {
            assertThat(sim.apiKey()).isEqualTo("k1");
            assertThat(sim.port()).isPositive();
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.videoTask();
            api.submit(task);
            sim.completeAll();
            String url = (String) api.poll((String) task.get("taskUUID")).data().get(0).get("videoURL");
            assertThat(TestApi.get(url).body()).hasSize(2_000);
        }
    }

    @Test
    void faultFlagsConfigureTheFaultPlan() {
        try (RunwareSimulator sim = SimulatorOptions.parse("--port", "0", "--synthetic-bytes", "1",
                "--http-error-rate", "503=1").build().start()) {
            assertThat(new TestApi(sim).submit(TestApi.videoTask()).status()).isEqualTo(503);
        }
        try (RunwareSimulator sim = SimulatorOptions.parse("--port=0", "--synthetic-bytes=1",
                "--task-failure-rate", "providerError=1.0").build().start()) {
            Map<String, Object> task = TestApi.videoTask();
            new TestApi(sim).submit(task);
            sim.completeAll();
            assertThat(sim.task((String) task.get("taskUUID")).orElseThrow().errorCode()).isEqualTo("providerError");
        }
        try (RunwareSimulator sim = SimulatorOptions.parse("--port", "0", "--synthetic-bytes", "1",
                "--malformed-json-rate", "1", "--reset-rate", "0", "--slow-answers", "0=1s",
                "--webhook-loss-rate", "0.5", "--webhook-duplicate-rate", "0.5").build().start()) {
            assertThat(new TestApi(sim).submit(TestApi.videoTask()).body()).doesNotEndWith("}");
        }
    }

    @Test
    void protocolFlagsConfigureTheAnswers() {
        try (RunwareSimulator sim = SimulatorOptions.parse("--port", "0", "--synthetic-bytes", "1",
                "--progress", "true", "--processing-task-type=true", "--result-index", "true",
                "--shuffle-results", "false", "--task-not-found-code", "taskExpired",
                "--get-response-batching", "first-only", "--singular-errors", "never",
                "--result-error-form", "data-item", "--task-details-retention", "1h",
                "--result-failure-rate", "providerError=1", "--not-ready-rate", "1").build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2);
            api.submit(task);
            String uuid = (String) task.get("taskUUID");
            assertThat(api.poll(uuid).data()).hasSize(2).allSatisfy(i -> assertThat(i)
                    .containsKeys("progress", "taskType", "resultIndex"));
            assertThat(api.poll(uuid, java.util.UUID.randomUUID().toString()).data()).hasSize(2);
            assertThat(new TestApi(sim.baseUrl(), "wrong").submit(TestApi.videoTask()).json()).containsKey("errors");
            TestApi.Answer unknown = api.poll(java.util.UUID.randomUUID().toString());
            assertThat(unknown.error()).containsEntry("code", "taskExpired");
            sim.completeAll();
            assertThat(api.poll(uuid).data()).extracting(i -> i.get("status")).containsOnly("error");
        }
        try (RunwareSimulator sim = SimulatorOptions.parse("--port", "0", "--synthetic-bytes", "1",
                "--not-ready-rate", "1").build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.videoTask();
            api.submit(task);
            sim.completeAll();
            assertThat(TestApi.get((String) api.poll((String) task.get("taskUUID")).data().get(0).get("videoURL"))
                    .statusCode()).isEqualTo(422);
        }
    }

    @Test
    void badProtocolFlagsNameTheAllowedValues() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--get-response-batching", "some"))
                .hasMessageContaining("[all, first-only, reject]");
        assertThatThrownBy(() -> SimulatorOptions.parse("--progress", "yes")).hasMessageContaining("true or false");
    }

    @Test
    void defaultPortIs8089() {
        assertThat(SimulatorOptions.DEFAULT_PORT).isEqualTo(8089);
    }

    @Test
    void badFlagsAreReportedWithTheirName() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--colour", "red")).hasMessageContaining("--colour");
        assertThatThrownBy(() -> SimulatorOptions.parse("--port")).hasMessageContaining("missing value for --port");
        assertThatThrownBy(() -> SimulatorOptions.parse("--reset-rate", "2")).hasMessageContaining("--reset-rate 2");
        assertThatThrownBy(() -> SimulatorOptions.parse("--http-error-rate", "503")).hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> SimulatorOptions.parse("--synthetic-bytes", "lots"))
                .hasMessageContaining("byte count");
        assertThatThrownBy(() -> SimulatorOptions.parse("--render-time", "-5s"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
