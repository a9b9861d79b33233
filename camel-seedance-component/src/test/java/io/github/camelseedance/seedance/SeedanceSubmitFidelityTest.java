package io.github.camelseedance.seedance;

import java.util.UUID;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.seedance.journal.TaskJournal;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Submits as Runware answers them (issue 10, point 1; issue 11, point 2): a lost answer is probed, a resend answered
 * {@code conflictTaskUUID} is the task accepted, a conflict on a first attempt with an idempotency key is the task of
 * the key; every failure after a submit names the task, whose record stays while it may exist. The simulator's
 * counts are the oracle.
 */
class SeedanceSubmitFidelityTest extends SeedanceTestSupport {

    private static final String PROMPT = "A lighthouse keeper's cat at dawn";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate");
                from("direct:order").to("seedance:generate?idempotencyKey=order-${header.orderId}");
            }
        };
    }

    private TaskJournal journal() {
        return context.getComponent("seedance", SeedanceComponent.class).runtime().taskJournal();
    }

    private static String taskUUID(Exchange exchange) {
        return exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
    }

    @Test
    void aResendAnsweredConflictTaskUUIDIsTheTaskAcceptedAndBilledOnce() {
        SIMULATOR.faults().dropNextResponses(2);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.RESUMED)).isEqualTo(true);
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(4096);
        assertThat(SIMULATOR.requests().submissions(taskUUID(exchange))).isEqualTo(2);
        assertThat(SIMULATOR.requests().conflicts()).isEqualTo(1);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
        assertThat(SIMULATOR.requests().billedResults()).isEqualTo(1);
    }

    @Test
    void aGatewayTimeoutOnSubmitIsProbedThenSent() {
        SIMULATOR.faults().failNextRequests(504, 1);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.RESUMED)).isEqualTo(false);
        assertThat(SIMULATOR.requests().apiRequests().subList(0, 3)).extracting(r -> r.tasks().get(0).get("taskType"))
                .containsExactly("videoInference", "getResponse", "videoInference");
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void aConflictOnAFirstAttemptWithAnIdempotencyKeyResumesTheTaskOfTheKey() {
        Exchange first = template.request("direct:order", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader("orderId", 7);
        });
        String taskUUID = IdempotentTaskUUID.of("order-7");
        assertThat(taskUUID(first)).isEqualTo(taskUUID);
        SIMULATOR.simulator().expireTask(taskUUID);

        Exchange again = template.request("direct:order", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader("orderId", 7);
        });

        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(SeedanceConstants.RESUMED)).isEqualTo(true);
        assertThat(again.getMessage().getBody(SeedanceVideo.class).getVideoUUID())
                .isEqualTo(first.getMessage().getBody(SeedanceVideo.class).getVideoUUID());
        assertThat(SIMULATOR.requests().conflicts()).isEqualTo(1);
        assertThat(SIMULATOR.requests().taskDetailsCalls()).isEqualTo(1);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void aSubmitWhoseAnswersAreAllLostFailsNamingTheTaskAndKeepsItsRecord() {
        SIMULATOR.faults().resetNextRequests(50);

        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isInstanceOf(RunwareConnectionException.class);
        String taskUUID = ((RunwareException) exchange.getException()).taskUUID();
        assertThat(taskUUID).isNotNull().isEqualTo(taskUUID(exchange));
        assertThat(exchange.getException().getMessage()).contains(taskUUID);
        assertThat(journal().get(taskUUID)).isNotNull();
        SIMULATOR.faults().clear();
    }

    @Test
    void aSubmitRunwareRefusedSettlesTheTask() {
        Exchange exchange = template.request("direct:generate", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.FIRST_FRAME_IMAGE, UUID.randomUUID().toString());
        });

        assertThat(exchange.getException()).isInstanceOf(RunwareNotFoundException.class);
        String taskUUID = taskUUID(exchange);
        assertThat(((RunwareException) exchange.getException()).taskUUID()).isEqualTo(taskUUID);
        assertThat(journal().get(taskUUID)).isNull();
        assertThat(journal().inFlight()).isEmpty();
        assertThat(SIMULATOR.requests().billedTasks()).isZero();
    }

    @Test
    void aWaitThatRunsOutNamesTheTaskAndKeepsItsRecord() {
        Exchange exchange = template.request("direct:generate", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.WAIT_TIMEOUT, "50ms");
            e.getMessage().setHeader(SeedanceConstants.INITIAL_POLL_DELAY, 10);
        });

        assertThat(exchange.getException()).isInstanceOf(RunwareTimeoutException.class);
        String taskUUID = taskUUID(exchange);
        assertThat(((RunwareException) exchange.getException()).taskUUID()).isEqualTo(taskUUID).isNotNull();
        assertThat(journal().get(taskUUID)).isNotNull();
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void aDeliveredTaskIsForgotten() {
        Exchange exchange = template.request("direct:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        assertThat(journal().get(taskUUID(exchange))).isNull();
        assertThat(journal().inFlight()).isEmpty();
    }
}
