package io.github.camelseedance.seedance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.simulator.GetResponseBatching;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batched polling checks itself (issue 10, point 4), against a simulator that answers only the first getResponse of
 * a request: every task is still delivered, each left out is polled alone, and batching turns itself off after
 * {@value VideoTaskTracker#INCOMPLETE_BATCH_LIMIT} incomplete answers, as the endpoint's attributes show.
 */
class SeedanceBatchPollingTest extends CamelTestSupport {

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(800))
            .syntheticVideos(1024)
            .getResponseBatching(GetResponseBatching.FIRST_ONLY)
            .seed(13L)
            .build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("seedance", SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100));
        return context;
    }

    @Test
    void tasksAnIncompleteBatchedAnswerLeftOutAreDeliveredAndBatchingTurnsOff() throws Exception {
        SeedanceEndpoint endpoint = context.getEndpoint("seedance:generate", SeedanceEndpoint.class);
        List<CompletableFuture<Exchange>> exchanges = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String prompt = "A paper crane, take " + i;
            exchanges.add(template.asyncSend("seedance:generate", e -> e.getMessage().setBody(prompt)));
        }

        for (CompletableFuture<Exchange> exchange : exchanges) {
            Exchange done = exchange.get(30, TimeUnit.SECONDS);
            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(1024);
        }
        assertThat(endpoint.getIncompleteBatchAnswers()).isEqualTo(VideoTaskTracker.INCOMPLETE_BATCH_LIMIT);
        assertThat(endpoint.isBatchPollingActive()).isFalse();
        assertThat(SIMULATOR.requests().unansweredGetResponses()).isPositive();
        assertThat(SIMULATOR.requests().getResponseBatchSizes()).containsKey(1);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(6);
        assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(6);
    }
}
