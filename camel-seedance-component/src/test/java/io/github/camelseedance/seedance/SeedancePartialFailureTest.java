package io.github.camelseedance.seedance;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import io.github.camelseedance.runware.error.RunwareContentPolicyException;
import io.github.camelseedance.runware.error.RunwareProviderException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results per item (issue 10, point 2): failures are per result, in no promised order; successful results are always
 * delivered, failed ones reported; {@code partialFailure} decides what a partial failure does; an exchange fails
 * outright only when every result failed. Billed and failed results are counted by the simulator.
 */
class SeedancePartialFailureTest extends SeedanceTestSupport {

    private static final String PROMPT = "Three takes of a kite over the dunes";

    private final List<Boolean> filesReachableInOnException = new ArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(SeedancePartialFailureException.class).handled(true)
                        .process(e -> {
                            SeedancePartialFailureException partial = e.getProperty(Exchange.EXCEPTION_CAUGHT,
                                    SeedancePartialFailureException.class);
                            for (SeedanceVideo video : partial.getVideos()) {
                                filesReachableInOnException
                                        .add(Files.size(video.getFile().toPath()) == video.getSize());
                            }
                        })
                        .to("mock:partial");
                from("direct:generate").to("seedance:generate?numberResults=3").to("mock:delivered");
            }
        };
    }

    @Test
    void theSuccessfulResultsAreDeliveredAndTheFailedOneReported() throws Exception {
        SIMULATOR.faults().failResultOfNextTasks(1, "providerContentPolicyViolation", 1);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(2)
                .allSatisfy(v -> assertThat(((SeedanceVideo) v).getSize()).isEqualTo(4096));
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.RESULT_COUNT)).isEqualTo(2);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.FAILED_RESULT_COUNT)).isEqualTo(1);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.FAILED_RESULTS, List.class)).singleElement()
                .asString().startsWith("providerContentPolicyViolation: ");
        assertThat(SIMULATOR.requests().billedResults()).isEqualTo(2);
        assertThat(SIMULATOR.requests().failedResults()).isEqualTo(1);
        assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(2);
    }

    @Test
    void withoutFailuresTheHeadersSayNone() {
        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getMessage().getBody(List.class)).hasSize(3);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.FAILED_RESULT_COUNT)).isEqualTo(0);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.FAILED_RESULTS, List.class)).isEmpty();
        assertThat(SIMULATOR.requests().billedResults()).isEqualTo(3);
    }

    @Test
    void partialFailureFailFailsTheExchangeWithTheVideosReachable() throws Exception {
        MockEndpoint partial = getMockEndpoint("mock:partial");
        partial.expectedMessageCount(1);
        getMockEndpoint("mock:delivered").expectedMessageCount(0);
        SIMULATOR.faults().failResultOfNextTasks(2, "providerError", 1);

        template.send("direct:generate", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.PARTIAL_FAILURE, "fail");
        });

        partial.assertIsSatisfied();
        MockEndpoint.assertIsSatisfied(context);
        Exchange failed = partial.getReceivedExchanges().get(0);
        SeedancePartialFailureException exception = failed.getProperty(Exchange.EXCEPTION_CAUGHT,
                SeedancePartialFailureException.class);
        assertThat(exception.getVideos()).hasSize(2);
        assertThat(exception.getFailures()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo(
                "providerError"));
        assertThat(exception).hasCauseInstanceOf(RunwareProviderException.class)
                .hasMessageContaining(exception.getTaskUUID());
        assertThat(filesReachableInOnException).containsExactly(true, true);
        assertThat(failed.getMessage().getHeader(SeedanceConstants.FAILED_RESULT_COUNT)).isEqualTo(1);
        assertThat(SIMULATOR.requests().billedResults()).isEqualTo(2);
    }

    @Test
    void theExchangeFailsOutrightOnlyWhenEveryResultFailed() {
        SIMULATOR.faults().failResultOfNextTasks(0, "providerContentPolicyViolation", 1)
                .failResultOfNextTasks(1, "timeoutProvider", 1).failResultOfNextTasks(2, "providerError", 1);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isInstanceOfAny(RunwareContentPolicyException.class,
                RunwareTimeoutException.class, RunwareProviderException.class);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.FAILED_RESULT_COUNT)).isEqualTo(3);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.FAILED_RESULTS, List.class)).hasSize(3);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isNotNull();
        assertThat(SIMULATOR.requests().billedResults()).isZero();
        assertThat(SIMULATOR.requests().mediaDownloads()).isZero();
    }
}
