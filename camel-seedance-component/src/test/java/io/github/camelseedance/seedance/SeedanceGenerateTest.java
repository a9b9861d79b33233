package io.github.camelseedance.seedance;

import java.io.File;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SeedanceGenerateTest extends SeedanceTestSupport {

    @TempDir
    static Path outbox;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate?includeCost=true").to("mock:result");
                from("direct:convert").to("seedance:generate").process(exchange -> {
                    byte[] bytes = exchange.getMessage().getBody(byte[].class);
                    try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
                        exchange.setProperty("streamed", in.readAllBytes());
                    }
                    exchange.setProperty("bytes", bytes);
                    exchange.setProperty("file", exchange.getMessage().getBody(File.class));
                    exchange.setProperty("path", exchange.getMessage().getBody(Path.class));
                    exchange.setProperty("fileExisted", exchange.getMessage().getBody(File.class).isFile());
                });
                from("direct:toFile").to("seedance:generate").to("file:" + outbox.toAbsolutePath());
                from("direct:several").to("seedance:generate?numberResults=3").to("mock:several")
                        .split(body()).setHeader(Exchange.FILE_NAME, simple("${body.fileName}"))
                        .to("file:" + outbox.toAbsolutePath() + "/several");
            }
        };
    }

    @Test
    void textBodyBecomesAVideoWithResultHeaders() throws Exception {
        MockEndpoint result = getMockEndpoint("mock:result");
        result.expectedMessageCount(1);

        template.sendBody("direct:generate", "A lighthouse at dawn, waves crashing");

        result.assertIsSatisfied();
        Exchange exchange = result.getReceivedExchanges().get(0);
        SeedanceVideo video = exchange.getMessage().getBody(SeedanceVideo.class);
        String taskUUID = exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        assertThat(video.getTaskUUID()).isEqualTo(taskUUID);
        assertThat(video.getSize()).isEqualTo(4096);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.STATUS)).isEqualTo("success");
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.VIDEO_UUID)).isEqualTo(video.getVideoUUID());
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.VIDEO_URL, String.class))
                .startsWith("http://127.0.0.1:");
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.SEED)).isNotNull();
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.COST, BigDecimal.class))
                .isEqualByComparingTo(new BigDecimal("0.405"));
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("video/mp4");
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH, Long.class)).isEqualTo(4096L);
        assertThat(exchange.getMessage().getHeader(Exchange.FILE_NAME)).isEqualTo(taskUUID + ".mp4");

        Map<String, Object> task = lastVideoTask();
        assertThat(task).containsEntry("model", "bytedance:seedance@2.0-mini")
                .containsEntry("positivePrompt", "A lighthouse at dawn, waves crashing")
                .containsEntry("width", 1280).containsEntry("height", 720)
                .doesNotContainKey("resolution");
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void bodyConvertsToWhatSinksTakeWhileTheExchangeRuns() {
        Exchange exchange = template.request("direct:convert", e -> e.getMessage().setBody("A red kite over hills"));

        byte[] bytes = exchange.getProperty("bytes", byte[].class);
        assertThat(bytes).hasSize(4096);
        assertThat(exchange.getProperty("streamed", byte[].class)).isEqualTo(bytes);
        assertThat(exchange.getProperty("fileExisted", Boolean.class)).isTrue();
        assertThat(exchange.getProperty("path", Path.class)).isEqualTo(exchange.getProperty("file", File.class)
                .toPath());
        assertThat(exchange.getProperty("path", Path.class)).as("deleted once the exchange completed")
                .doesNotExist();
    }

    @Test
    void videoIsWrittenByTheFileComponentAndTheTemporaryFileIsRemoved() throws Exception {
        Exchange exchange = template.request("direct:toFile", e -> {
            e.getMessage().setBody("A paper boat on a river");
            e.getMessage().setHeader(Exchange.FILE_NAME, "boat.txt");
        });

        assertThat(exchange.getException()).isNull();
        Path written = outbox.resolve("boat.mp4");
        assertThat(written).hasSize(4096);
        Path temporary = exchange.getMessage().getBody(SeedanceVideo.class).getPath();
        await().until(() -> !Files.exists(temporary));
    }

    @Test
    void severalResultsGiveAListReadyForSplit() throws Exception {
        MockEndpoint several = getMockEndpoint("mock:several");
        several.expectedMessageCount(1);

        template.sendBodyAndHeader("direct:several", "Three takes of a cat", Exchange.FILE_NAME, "cat.txt");

        several.assertIsSatisfied();
        List<?> videos = several.getReceivedExchanges().get(0).getMessage().getBody(List.class);
        assertThat(videos).hasSize(3).allMatch(SeedanceVideo.class::isInstance);
        assertThat(videos.stream().map(v -> ((SeedanceVideo) v).getVideoUUID()).distinct()).hasSize(3);
        assertThat(videos.stream().map(v -> ((SeedanceVideo) v).getSeed()).distinct()).hasSize(3);
        assertThat(outbox.resolve("several/cat-1.mp4")).hasSize(4096);
        assertThat(outbox.resolve("several/cat-2.mp4")).hasSize(4096);
        assertThat(outbox.resolve("several/cat-3.mp4")).hasSize(4096);
        assertThat(lastVideoTask()).containsEntry("numberResults", 3);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }
}
