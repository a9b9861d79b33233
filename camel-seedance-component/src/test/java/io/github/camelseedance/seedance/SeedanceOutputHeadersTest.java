package io.github.camelseedance.seedance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Output headers never become the next call's input: CamelSeedanceTaskUUID, written by every operation, never becomes
 * the task UUID of the next generate or submit on the exchange, and the video name written to CamelFileName never
 * names the next video; a task UUID chosen for the call is used. Camel's redelivery restores the headers of the failed
 * step, so a redelivered generate resumes its task through an idempotency key such as the exchange id.
 */
class SeedanceOutputHeadersTest extends SeedanceTestSupport {

    @TempDir
    static Path outbox;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:loop")
                        .loop(3)
                        .setBody(simple("Scene ${exchangeProperty.CamelLoopIndex}: a fox in the snow"))
                        .to("seedance:generate").to("mock:each").to("file:" + outbox)
                        .end();
                from("direct:submitThenGenerate")
                        .to("seedance:submit").to("mock:submitted")
                        .setBody(constant("A fox asleep in the snow")).to("seedance:generate").to("mock:generated");
                from("direct:retried")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(1).redeliveryDelay(0))
                        .to("seedance:generate?idempotencyKey=${exchangeId}");
            }
        };
    }

    @Test
    void aLoopOfThreeGeneratesMakesThreeTasksAndThreeVideos() throws Exception {
        MockEndpoint each = getMockEndpoint("mock:each");
        each.expectedMessageCount(3);

        template.sendBody("direct:loop", "ignored");

        each.assertIsSatisfied();
        List<String> taskUUIDs = each.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class)).toList();
        List<String> videos = each.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody(SeedanceVideo.class).getVideoUUID()).toList();
        assertThat(taskUUIDs).doesNotHaveDuplicates().hasSize(3);
        assertThat(videos).doesNotHaveDuplicates().hasSize(3);
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(taskUUIDs.stream().map(uuid -> uuid + ".mp4").toList());
        }
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(3);
        assertThat(SIMULATOR.requests().conflicts()).isZero();
        List<Map<String, Object>> tasks = SIMULATOR.requests().tasks("videoInference");
        for (int i = 0; i < 3; i++) {
            assertThat(tasks.get(i)).containsEntry("taskUUID", taskUUIDs.get(i))
                    .containsEntry("positivePrompt", "Scene " + i + ": a fox in the snow");
        }
    }

    @Test
    void aGenerateAfterASubmitMakesATaskOfItsOwn() throws Exception {
        getMockEndpoint("mock:generated").expectedMessageCount(1);

        template.sendBody("direct:submitThenGenerate", "A fox running in the snow");

        getMockEndpoint("mock:generated").assertIsSatisfied();
        String submitted = getMockEndpoint("mock:submitted").getReceivedExchanges().get(0).getMessage()
                .getBody(String.class);
        Exchange generated = getMockEndpoint("mock:generated").getReceivedExchanges().get(0);
        assertThat(generated.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isNotEqualTo(submitted);
        assertThat(generated.getMessage().getHeader(SeedanceConstants.RESUMED)).isEqualTo(false);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(2);
    }

    @Test
    void aTaskUUIDChosenForTheCallIsUsed() {
        String chosen = "6f1c1a8e-2b7a-4c5e-9d3f-0a1b2c3d4e5f";

        Exchange exchange = template.request("seedance:generate", e -> {
            e.getMessage().setBody("A fox on a frozen lake");
            e.getMessage().setHeader(SeedanceConstants.TASK_UUID, chosen);
        });

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(chosen);
        assertThat(SIMULATOR.requests().submissions(chosen)).isEqualTo(1);
    }

    @Test
    void withTheExchangeIdAsKeyARedeliveredGenerateResumesItsTask() {
        // the video's URL answers not found once (Runware gives no other): the generate fails after its task was
        // billed, and the redelivered exchange resumes the task by its key
        SIMULATOR.faults().failNextDownloads(404, 1);

        Exchange exchange = template.request("direct:retried", e -> e.getMessage().setBody("A fox and a crow"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.RESUMED)).isEqualTo(true);
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(4096);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }
}
