package io.github.camelseedance.seedance;

import io.github.camelseedance.runware.error.RunwareContentPolicyException;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareProviderException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries reuse the task UUID, failed polls lose nothing, timeouts and task failures are typed.
 */
class SeedanceReliabilityTest extends SeedanceTestSupport {

    private static final String PROMPT = "A storm over the sea";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(RunwareContentPolicyException.class).handled(true)
                        .setBody(simple("rejected ${exception.taskUUID}")).to("mock:rejected");
                from("direct:generate").to("seedance:generate").to("mock:result");
            }
        };
    }

    @Test
    void submitRetriedAfter503ReusesTheTaskUUIDAndIsBilledOnce() throws Exception {
        SIMULATOR.faults().failNextRequests(503, 2);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        String taskUUID = exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        assertThat(submitAttempts(taskUUID)).isEqualTo(3);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void submitRetriedAfter429IsBilledOnce() {
        SIMULATOR.faults().failNextRequests(429, 1);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        String taskUUID = exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        assertThat(submitAttempts(taskUUID)).isEqualTo(2);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    /** Submit requests that reached the simulator carrying that task UUID, answered or failed. */
    private static long submitAttempts(String taskUUID) {
        return SIMULATOR.requests().tasks("videoInference").stream()
                .filter(task -> taskUUID.equals(task.get("taskUUID"))).count();
    }

    @Test
    void connectionResetBeforeTheServerSawTheSubmitIsRetried() {
        SIMULATOR.faults().resetNextRequests(1);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        String taskUUID = exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        assertThat(submitAttempts(taskUUID)).isEqualTo(2);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void lostAcknowledgementResumesTheTaskInsteadOfBillingAgain() {
        SIMULATOR.faults().dropNextResponses(1);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.RESUMED)).isEqualTo(true);
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(4096);
        String taskUUID = exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        assertThat(SIMULATOR.requests().submissions(taskUUID)).isEqualTo(1);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
        assertThat(SIMULATOR.requests().conflicts()).isZero();
    }

    @Test
    void failedPollsDoNotLoseTheTask() {
        Exchange exchange = template.request("direct:generate", e -> {
            SIMULATOR.faults().httpErrorRate(503, 0.5);
            e.getMessage().setBody(PROMPT);
        });

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(4096);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void waitTimeoutFailsWithTheTaskUUID() {
        Exchange exchange = template.request("direct:generate", e -> {
            e.getMessage().setBody(PROMPT);
            // the bound of the whole generate, its submit included: shorter than the 300 ms render, room for the submit
            e.getMessage().setHeader(SeedanceConstants.WAIT_TIMEOUT, "150ms");
            e.getMessage().setHeader(SeedanceConstants.INITIAL_POLL_DELAY, 10);
        });

        assertThat(exchange.getException()).isInstanceOf(RunwareTimeoutException.class);
        String taskUUID = ((RunwareException) exchange.getException()).taskUUID();
        assertThat(taskUUID).isNotNull();
        assertThat(exchange.getException().getMessage()).contains(taskUUID);
        // on a loaded machine the submit may time out at the client after the simulator took it
        await().until(() -> SIMULATOR.requests().billedTasks() == 1);
        assertThat(SIMULATOR.requests().submissions(taskUUID)).isEqualTo(1);
    }

    @Test
    void taskFailureIsTypedAndCarriesTheRunwareCode() {
        SIMULATOR.faults().failNextTasks("providerError", 1);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isInstanceOf(RunwareProviderException.class);
        RunwareException failure = (RunwareException) exchange.getException();
        assertThat(failure.code()).isEqualTo("providerError");
        assertThat(failure.taskUUID()).isNotNull();
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void routesHandleTypedFailuresWithOnException() throws Exception {
        MockEndpoint rejected = getMockEndpoint("mock:rejected");
        rejected.expectedMessageCount(1);
        SIMULATOR.faults().failNextTasks("contentPolicyViolation", 1);

        template.sendBody("direct:generate", PROMPT);

        rejected.assertIsSatisfied();
        assertThat(rejected.getReceivedExchanges().get(0).getMessage().getBody(String.class)).startsWith("rejected ")
                .doesNotEndWith("null");
    }
}
