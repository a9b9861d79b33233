package io.github.camelseedance.seedance;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;

import io.github.camelseedance.runware.error.RunwareProviderException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.seedance.cost.Usd;
import io.github.camelseedance.seedance.journal.LogCapture;
import io.github.camelseedance.seedance.journal.LogCapture.LogLine;
import io.github.camelseedance.seedance.monitor.SeedanceMetrics;
import io.github.camelseedance.seedance.monitor.TaskLog;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What a task tells people while it runs and when it ends: the elapsed time and the estimated time left on every
 * progress callback, one INFO line at its submit and one at its end with its UUID in the logging MDC, and its outcome
 * and error family in the metrics.
 */
class SeedanceTaskMonitorTest extends CamelTestSupport {

    private static final String ENDPOINT = "seedance:generate?resolution=480p&duration=4&aspectRatio=16:9";

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(1500))
            .syntheticVideos(1024)
            .seed(5L)
            .build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind(SeedanceMetrics.CAMEL_REGISTRY_NAME, meters);
        context.addComponent("seedance", SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100));
        return context;
    }

    @Test
    void progressCallbacksCarryTheElapsedTimeAndOnceARenderTimeWasObservedTheTimeLeft() throws Exception {
        Exchange first = new DefaultExchange(context);
        first.getMessage().setBody("A paper boat on a puddle");
        Future<Exchange> firstDone = template.asyncSend(ENDPOINT, first);
        await().until(() -> first.getMessage().getHeader(SeedanceConstants.ELAPSED) != null
                            && "processing".equals(first.getMessage().getHeader(SeedanceConstants.STATUS)));
        assertThat(first.getMessage().getHeader(SeedanceConstants.ESTIMATED_REMAINING))
                .as("nothing comparable was observed yet").isNull();
        assertThat(firstDone.get().getException()).isNull();
        Duration renderTime = first.getMessage().getHeader(SeedanceConstants.ELAPSED, Duration.class);
        assertThat(renderTime).as("when done, the render time").isPositive();
        assertThat(first.getMessage().getHeaders()).doesNotContainKey(SeedanceConstants.ESTIMATED_REMAINING);

        Exchange second = new DefaultExchange(context);
        second.getMessage().setBody("Another paper boat");
        Future<Exchange> secondDone = template.asyncSend(ENDPOINT, second);
        // the estimate is the render time observed for 480p, 4 s, less the time elapsed
        await().until(() -> {
            Duration elapsed = second.getMessage().getHeader(SeedanceConstants.ELAPSED, Duration.class);
            Duration left = second.getMessage().getHeader(SeedanceConstants.ESTIMATED_REMAINING, Duration.class);
            return elapsed != null && left != null && left.compareTo(Duration.ZERO) > 0
                   && elapsed.plus(left).toMillis() == renderTime.toMillis();
        });
        assertThat(secondDone.get().getException()).isNull();
    }

    @Test
    void everyTaskLogsOneInfoLineAtItsSubmitAndOneAtItsEndWithItsUUIDInTheMdc() {
        try (LogCapture log = LogCapture.of(TaskLog.class)) {
            Exchange done = template.request(ENDPOINT + "&budget=5", e -> e.getMessage().setBody("A heron taking off"));
            String succeeded = done.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
            SIMULATOR.faults().failNextTasks("providerError", 1);
            Exchange failedExchange = template.request(ENDPOINT,
                    e -> e.getMessage().setBody("A heron that never flies"));
            assertThat(failedExchange.getException()).isInstanceOf(RunwareProviderException.class);
            String failed = failedExchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);

            List<LogLine> ofSucceeded = linesAbout(log, succeeded);
            assertThat(ofSucceeded).extracting(LogLine::level).containsExactly("INFO", "INFO");
            assertThat(ofSucceeded.get(0).message()).isEqualTo("Seedance task " + succeeded + " submitted: "
                                                               + "bytedance:seedance@2.0-mini, 864x496, 4 s, 1 "
                                                               + "result(s), price 0.144 USD");
            assertThat(ofSucceeded.get(1).message()).startsWith("Seedance task " + succeeded + " succeeded after ")
                    .endsWith(": 1 video(s) of bytedance:seedance@2.0-mini, 864x496, 4 s, cost "
                              + Usd.text(SIMULATOR.simulator().task(succeeded).orElseThrow().cost()) + " USD");

            List<LogLine> ofFailed = linesAbout(log, failed);
            assertThat(ofFailed).extracting(LogLine::level).containsExactly("INFO", "INFO");
            assertThat(ofFailed.get(1).message()).startsWith("Seedance task " + failed + " failed after ")
                    .contains("bytedance:seedance@2.0-mini, 864x496, 4 s, price 0.144 USD: ");
            assertThat(log.lines()).as("every line names its task in the MDC")
                    .allSatisfy(line -> assertThat(line.mdc()).containsKey(TaskLog.MDC_TASK_UUID));
        }
    }

    @Test
    void theMetricsCountEachOutcomeWithTheErrorFamilyOfAFailure() {
        template.requestBody(ENDPOINT, "A success");
        SIMULATOR.faults().failNextTasks("providerError", 1);
        assertThatThrownBy(() -> template.requestBody(ENDPOINT, "A provider failure")).cause()
                .isInstanceOf(RunwareProviderException.class);
        assertThatThrownBy(() -> template.requestBody(ENDPOINT + "&waitTimeout=300", "A wait too short")).cause()
                .isInstanceOf(RunwareTimeoutException.class);

        assertThat(count(SeedanceMetrics.TASKS_SUBMITTED)).isEqualTo(3);
        assertThat(count(SeedanceMetrics.TASKS_SUCCEEDED, "outcome", "success")).isEqualTo(1);
        assertThat(count(SeedanceMetrics.TASKS_FAILED, "outcome", "error", "errorFamily", "provider")).isEqualTo(1);
        assertThat(count(SeedanceMetrics.TASKS_FAILED, "outcome", "timeout", "errorFamily", "timeout")).isEqualTo(1);
        assertThat(context.getComponent("seedance", SeedanceComponent.class).runtime().monitor().totals())
                .containsEntry("success", 1L).containsEntry("error", 1L).containsEntry("timeout", 1L);
    }

    /** The lines that carry the task in the MDC, each checked to be about it. */
    private static List<LogLine> linesAbout(LogCapture log, String taskUUID) {
        List<LogLine> lines = log.lines().stream()
                .filter(line -> taskUUID.equals(line.mdc().get(TaskLog.MDC_TASK_UUID))).toList();
        assertThat(lines).allSatisfy(line -> assertThat(line.message()).contains(taskUUID));
        return lines;
    }

    private double count(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }
}
