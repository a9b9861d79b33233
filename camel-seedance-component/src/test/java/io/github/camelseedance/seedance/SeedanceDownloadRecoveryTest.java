package io.github.camelseedance.seedance;

import io.github.camelseedance.runware.error.RunwareNotFoundException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Downloads (issue 10, point 5): a video still being written (HTTP 422) and server errors are retried within the
 * wait; an expired URL is asked for again through getResponse and getTaskDetails before failing naming the task and
 * the video; getTaskDetails recovers a task getResponse forgot, for status and download.
 */
class SeedanceDownloadRecoveryTest extends SeedanceTestSupport {

    private static final String PROMPT = "A glass of water left in the sun";

    @Test
    void aFreshVideoAnswering422IsDownloadedOnceWritten() {
        SIMULATOR.faults().notReadyOnFirstGetOfNextVideos(1);

        Exchange exchange = template.request("seedance:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(4096);
        assertThat(SIMULATOR.requests().notReadyAnswers()).isEqualTo(1);
        assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(2);
    }

    @Test
    void serverErrorsOnTheVideoAreRetried() {
        SIMULATOR.faults().failNextDownloads(503, 2);

        Exchange exchange = template.request("seedance:generate", e -> e.getMessage().setBody(PROMPT));

        assertThat(exchange.getException()).isNull();
        assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(3);
    }

    @Test
    void anExpiredVideoIsAskedForAgainThenFailsNamingTheTaskAndTheVideo() {
        String taskUUID = template.requestBody("seedance:submit", PROMPT, String.class);
        SIMULATOR.simulator().completeAll();
        String videoUUID = template.request("seedance:status", e -> e.getMessage().setBody(taskUUID)).getMessage()
                .getHeader(SeedanceConstants.VIDEO_UUID, String.class);
        SIMULATOR.simulator().expireMedia(videoUUID);
        int polls = SIMULATOR.requests().count("getResponse");

        Exchange exchange = template.request("seedance:download", e -> e.getMessage().setBody(taskUUID));

        assertThat(exchange.getException()).isInstanceOf(RunwareNotFoundException.class)
                .hasMessageContaining(taskUUID).hasMessageContaining(videoUUID);
        assertThat(((RunwareNotFoundException) exchange.getException()).taskUUID()).isEqualTo(taskUUID);
        assertThat(SIMULATOR.requests().count("getResponse")).as("the task's state, then the URL again")
                .isEqualTo(polls + 2);
        assertThat(SIMULATOR.requests().taskDetailsCalls()).isEqualTo(1);
        assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(1);
    }

    @Test
    void statusAndDownloadRecoverATaskGetResponseForgotThroughGetTaskDetails() {
        String taskUUID = template.requestBody("seedance:submit", PROMPT, String.class);
        SIMULATOR.simulator().completeAll();
        SIMULATOR.simulator().expireTask(taskUUID);

        Exchange status = template.request("seedance:status", e -> e.getMessage().setBody(taskUUID));
        Exchange download = template.request("seedance:download", e -> e.getMessage().setBody(taskUUID));

        assertThat(status.getMessage().getHeader(SeedanceConstants.STATUS)).isEqualTo("success");
        assertThat(status.getMessage().getHeader(SeedanceConstants.RESULT_COUNT)).isEqualTo(1);
        assertThat(download.getException()).isNull();
        assertThat(download.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(4096);
        assertThat(SIMULATOR.requests().taskDetailsCalls()).isEqualTo(2);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }
}
