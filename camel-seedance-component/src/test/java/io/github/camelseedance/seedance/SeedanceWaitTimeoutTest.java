package io.github.camelseedance.seedance;

import java.time.Duration;

import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * waitTimeout bounds the whole generate, from the moment the exchange arrives: the submit's retries, the wait and the
 * download's retries all end at that deadline, and the exchange fails with a timeout naming its task.
 */
class SeedanceWaitTimeoutTest extends CamelTestSupport {

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300))
            .syntheticVideos(1024)
            .build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        component.setRetryBackoff(1000);
        context.addComponent("seedance", component);
        return context;
    }

    @Test
    void noSubmitRetryStartsAfterTheDeadline() {
        // each submit is answered 503 with Retry-After: 1, so attempts go at 0 s, 1 s, 2 s, 3 s without a deadline
        SIMULATOR.faults().failNextRequests(503, 4);

        Exchange exchange = generate(1500);

        assertTimedOutNamingItsTask(exchange);
        assertThat(SIMULATOR.requests().count("videoInference")).isEqualTo(2);
        assertThat(SIMULATOR.requests().billedTasks()).isZero();
    }

    @Test
    void noDownloadRetryStartsAfterTheDeadline() {
        // the first GETs of the video answer 503: retried after 0.8 to 1.2 s, then 1.6 to 2.4 s more, without a
        // deadline: the second retry would start after 2.6 s
        SIMULATOR.faults().failNextDownloads(503, 3);

        Exchange exchange = generate(2600);

        assertTimedOutNamingItsTask(exchange);
        assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(2);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void theWaitGetsWhatTheSubmitLeftOfTheTimeout() {
        // the submit lands on its retry, 1.0 to 1.2 s in (Retry-After: 1, with jitter): of the 1.3 s, the wait has
        // at most 0.3 s left, no more than the task takes to render and be polled
        SIMULATOR.faults().failNextRequests(503, 1);

        Exchange exchange = generate(1300);

        assertTimedOutNamingItsTask(exchange);
        assertThat(SIMULATOR.requests().count("videoInference")).isEqualTo(2);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    private Exchange generate(long waitTimeoutMillis) {
        return template.request("seedance:generate", e -> {
            e.getMessage().setBody("A clock tower at midnight");
            e.getMessage().setHeader(SeedanceConstants.WAIT_TIMEOUT, waitTimeoutMillis);
        });
    }

    private static void assertTimedOutNamingItsTask(Exchange exchange) {
        assertThat(exchange.getException()).isInstanceOf(RunwareTimeoutException.class)
                .hasMessageContaining("waitTimeout");
        String taskUUID = ((RunwareException) exchange.getException()).taskUUID();
        assertThat(taskUUID).isNotNull();
        assertThat(exchange.getException()).hasMessageContaining(taskUUID);
    }
}
