package io.github.camelseedance.seedance;

import java.math.BigDecimal;
import java.util.Map;

import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * submit, status, download, upload and estimate against the simulator.
 */
class SeedanceOperationsTest extends SeedanceTestSupport {

    private static final String PROMPT = "A tram crossing a bridge at night";
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13 };

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:download").to("seedance:download")
                        .process(e -> e.setProperty("bytes", e.getMessage().getBody(byte[].class)));
            }
        };
    }

    @Test
    void submitReturnsAtOnceWithTheTaskUUID() {
        Exchange exchange = template.request("seedance:submit", e -> e.getMessage().setBody(PROMPT));

        String taskUUID = exchange.getMessage().getBody(String.class);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID)).isEqualTo(taskUUID);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.STATUS)).isEqualTo("processing");
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
        assertThat(SIMULATOR.simulator().task(taskUUID)).isPresent();
    }

    @Test
    void statusReportsTheStateOfATask() {
        String taskUUID = template.requestBody("seedance:submit", PROMPT, String.class);

        Exchange running = template.request("seedance:status",
                e -> e.getMessage().setHeader(SeedanceConstants.TASK_UUID, taskUUID));
        assertThat(running.getMessage().getHeader(SeedanceConstants.STATUS)).isEqualTo("processing");

        SIMULATOR.simulator().completeAll();
        Exchange done = template.request("seedance:status", e -> e.getMessage().setBody(taskUUID));
        assertThat(done.getMessage().getHeader(SeedanceConstants.STATUS)).isEqualTo("success");
        TaskStatus status = done.getMessage().getBody(TaskStatus.class);
        assertThat(status.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(status.items()).hasSize(1);
        assertThat(done.getMessage().getHeader(SeedanceConstants.VIDEO_URL, String.class)).startsWith("http");
    }

    @Test
    void statusOfAnUnknownTaskIsNotFound() {
        Exchange exchange = template.request("seedance:status",
                e -> e.getMessage().setBody("0f8e3b0a-3c1d-4e5f-8a9b-0c1d2e3f4a5b"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.STATUS)).isEqualTo("notFound");
    }

    @Test
    void downloadByTaskFetchesTheFinishedVideo() {
        String taskUUID = template.requestBody("seedance:submit?numberResults=2", PROMPT, String.class);
        SIMULATOR.simulator().completeAll();

        Exchange exchange = template.request("seedance:download",
                e -> e.getMessage().setHeader(SeedanceConstants.TASK_UUID, taskUUID));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(java.util.List.class)).hasSize(2);
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.RESULT_COUNT)).isEqualTo(2);
    }

    @Test
    void downloadByUrlFetchesThatVideo() {
        String taskUUID = template.requestBody("seedance:submit", PROMPT, String.class);
        SIMULATOR.simulator().completeAll();
        String url = template.request("seedance:status", e -> e.getMessage().setBody(taskUUID)).getMessage()
                .getHeader(SeedanceConstants.VIDEO_URL, String.class);

        Exchange exchange = template.request("direct:download",
                e -> e.getMessage().setHeader(SeedanceConstants.VIDEO_URL, url));

        SeedanceVideo video = exchange.getMessage().getBody(SeedanceVideo.class);
        assertThat(video.getSize()).isEqualTo(4096);
        assertThat(exchange.getProperty("bytes", byte[].class)).hasSize(4096);
        assertThat(video.getFileName()).isEqualTo(video.getVideoUUID() + ".mp4");
    }

    @Test
    void downloadOfAnExpiredVideoFailsWithNotFound() {
        String taskUUID = template.requestBody("seedance:submit", PROMPT, String.class);
        SIMULATOR.simulator().completeAll();
        Exchange status = template.request("seedance:status", e -> e.getMessage().setBody(taskUUID));
        SIMULATOR.simulator().expireMedia(status.getMessage().getHeader(SeedanceConstants.VIDEO_UUID, String.class));

        Exchange exchange = template.request("seedance:download", e -> e.getMessage().setHeader(
                SeedanceConstants.VIDEO_URL, status.getMessage().getHeader(SeedanceConstants.VIDEO_URL)));

        assertThat(exchange.getException()).isInstanceOf(RunwareNotFoundException.class);
    }

    @Test
    void downloadOfARunningTaskSaysItIsStillProcessing() {
        String taskUUID = template.requestBody("seedance:submit", PROMPT, String.class);

        Exchange exchange = template.request("seedance:download", e -> e.getMessage().setBody(taskUUID));

        assertThat(exchange.getException()).hasMessageContaining(taskUUID).hasMessageContaining("processing");
    }

    @Test
    void uploadOfAnImageGivesAUuidThatTasksAccept() {
        Exchange upload = template.request("seedance:upload", e -> e.getMessage().setBody(PNG));

        String mediaUUID = upload.getMessage().getBody(String.class);
        assertThat(upload.getMessage().getHeader(SeedanceConstants.MEDIA_UUID)).isEqualTo(mediaUUID);
        assertThat(SIMULATOR.requests().count("imageUpload")).isZero();
        assertThat(SIMULATOR.requests().tasks("mediaStorage")).singleElement()
                .satisfies(task -> assertThat(task).containsEntry("operation", "upload"));

        Exchange generated = template.request("seedance:generate?resolution=480p", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.FIRST_FRAME_IMAGE, mediaUUID);
        });
        assertThat(generated.getException()).isNull();
        Map<String, Object> inputs = nested(lastVideoTask(), "inputs");
        assertThat(inputs.get("frameImages").toString()).contains(mediaUUID);
    }

    @Test
    void uploadOfAVideoGoesThroughMediaStorage() {
        byte[] mp4 = { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 0 };
        Exchange upload = template.request("seedance:upload", e -> e.getMessage().setBody(mp4));

        assertThat(upload.getException()).isNull();
        assertThat(upload.getMessage().getHeader(SeedanceConstants.MEDIA_UUID)).isNotNull();
        assertThat(SIMULATOR.requests().count("mediaStorage")).isEqualTo(1);
    }

    @Test
    void estimateGivesThePriceAndBillsNothing() {
        BigDecimal cost = template.requestBody("seedance:estimate?duration=10&resolution=480p&numberResults=2", PROMPT,
                BigDecimal.class);

        assertThat(cost).isEqualByComparingTo("0.72");
        assertThat(SIMULATOR.requests().billedTasks()).isZero();
        await().until(() -> SIMULATOR.requests().apiRequests().size() == 1);
        assertThat(SIMULATOR.requests().apiRequests().get(0).dryRun()).isTrue();
    }
}
