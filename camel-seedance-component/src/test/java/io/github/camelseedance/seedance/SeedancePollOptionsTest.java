package io.github.camelseedance.seedance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.camelseedance.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll interval above the largest poll interval (an endpoint's pollInterval under a component-wide
 * maxPollInterval, as the seedance-action Kamelet sets it) raises the cap instead of failing every exchange.
 */
class SeedancePollOptionsTest extends SeedanceTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the component's maxPollInterval is 200 ms (SeedanceTestSupport)
                from("direct:slowPolls").to("seedance:generate?initialPollDelay=100&pollInterval=300");
                from("direct:header").to("seedance:generate?initialPollDelay=100");
            }
        };
    }

    @Test
    void pollIntervalAboveTheCapRaisesIt() {
        Exchange result = template.request("direct:slowPolls", e -> e.getMessage().setBody("A slow river at dusk"));

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody()).isInstanceOf(SeedanceVideo.class);
        assertThat(result.getMessage().getHeader(SeedanceConstants.STATUS)).isEqualTo("success");
        assertThat(pollGapsMillis(result.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class)))
                .as("the endpoint's 300 ms interval is used, above the component's 200 ms cap").isNotEmpty()
                .allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(280));
    }

    @Test
    void pollIntervalHeaderAboveTheCapRaisesIt() {
        Exchange result = template.request("direct:header", e -> {
            e.getMessage().setBody("A quiet forest in fog");
            e.getMessage().setHeader(SeedanceConstants.POLL_INTERVAL, "1s");
            e.getMessage().setHeader(SeedanceConstants.MAX_POLL_INTERVAL, "500ms");
        });

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(SeedanceConstants.STATUS)).isEqualTo("success");
        assertThat(pollGapsMillis(result.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class)))
                .as("the 1 s interval of the header is used, above the header's 500 ms cap").isNotEmpty()
                .allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(950));
    }

    /** The times between the simulator's getResponse requests for one task. */
    private static List<Long> pollGapsMillis(String taskUUID) {
        List<Instant> polls = SIMULATOR.requests().apiRequests().stream()
                .filter(request -> request.tasks().stream().anyMatch(task -> "getResponse".equals(task.get("taskType"))
                                                                             && taskUUID.equals(task.get("taskUUID"))))
                .map(RecordedRequest::receivedAt).toList();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < polls.size(); i++) {
            gaps.add(Duration.between(polls.get(i - 1), polls.get(i)).toMillis());
        }
        return gaps;
    }
}
