package io.github.camelseedance.runware;

import io.github.camelseedance.runware.error.RunwareAuthenticationException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareServerException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.model.Estimate;
import io.github.camelseedance.runware.model.FrameImage;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.UploadedMedia;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.runware.rules.Violation;
import io.github.camelseedance.runware.error.RunwareAuthenticationException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareServerException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.model.Estimate;
import io.github.camelseedance.runware.model.FrameImage;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.UploadedMedia;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.runware.rules.Violation;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.camelseedance.simulator.RecordedRequest;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The client against the Runware simulator: acknowledgements, retries, duplicates, polls, uploads, downloads. */
public class RunwareClientTest {

    private static final long VIDEO_BYTES = 1_000_000;
    private static final String PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
                                      + "2mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(200)).syntheticVideos(VIDEO_BYTES).seed(42L).build();

    private SimulatorClients clients;
    private RunwareClient client;

    @TempDir
    Path dir;

    @BeforeEach
    void connect() {
        clients = new SimulatorClients();
        client = clients.client(SIM.baseUrl(), SIM.apiKey(), SimulatorClients.QUICK_RETRIES);
    }

    @AfterEach
    void disconnect() {
        client.close();
        clients.close();
    }

    private static VideoInferenceRequest request() {
        return VideoInferenceRequest.builder().set("positivePrompt", "a red fox in the snow").set("width", 1280).set("height", 720)
                .set("duration", 5).build();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    @Test
    void submitIsAcknowledgedWithTheNestedTaskAndBearerAuth() throws Exception {
        VideoInferenceRequest request = request().toBuilder().set("audio", false).set("safetyMode", "fast").build();

        SubmitAck ack = await(client.submit(request));

        assertThat(ack).isEqualTo(new SubmitAck(request.taskUUID(), false));
        assertThat(SIM.requests().submissions(request.taskUUID())).isEqualTo(1);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
        Map<String, Object> sent = SIM.requests().tasks("videoInference").get(0);
        assertThat(sent).containsEntry("settings", Map.of("audio", false))
                .containsEntry("safety", Map.of("mode", "fast")).doesNotContainKey("audio");
        RecordedRequest recorded = SIM.requests().apiRequests().get(0);
        assertThat(recorded.headers().get("Authorization")).containsExactly("Bearer ***");
        assertThat(recorded.body()).startsWith("[");
    }

    @Test
    void invalidRequestSendsNothing() throws Exception {
        CompletableFuture<SubmitAck> submit = client.submit(request().toBuilder().set("duration", 30).set("width", 100).build());

        assertThat(SimulatorClients.failureOf(submit)).isInstanceOfSatisfying(RunwareValidationException.class, e -> {
            assertThat(e.violations()).extracting(Violation::code)
                    .containsExactly("unsupportedDuration", "invalidParameterValue");
            assertThat(e.getMessage()).contains("duration").contains("30").contains("4..15");
        });
        assertThat(SIM.requests().all()).isEmpty();
    }

    @Test
    void serverSideValidationIsClassified() throws Exception {
        CompletableFuture<SubmitAck> submit = client.submit(request().toBuilder().set("model", "acme:nothing@1").build());

        assertThat(SimulatorClients.failureOf(submit)).isInstanceOfSatisfying(RunwareNotFoundException.class, e -> {
            assertThat(e.code()).isEqualTo("modelNotFound");
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(SIM.requests().apiRequests()).hasSize(1);
    }

    @Test
    void retriesServerErrorsWithTheSameTaskUuid() throws Exception {
        SIM.faults().failNextRequests(503, 2);
        VideoInferenceRequest request = request();

        SubmitAck ack = await(client.submit(request));

        assertThat(ack.alreadySubmitted()).isFalse();
        assertThat(SIM.requests().apiRequests()).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
        assertThat(SIM.requests().tasks("videoInference")).hasSize(3).extracting(t -> t.get("taskUUID"))
                .containsOnly(request.taskUUID());
        assertThat(SIM.requests().submissions(request.taskUUID())).isEqualTo(1);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void retriesRateLimits() throws Exception {
        SIM.faults().failNextRequests(429, 1);

        await(client.submit(request()));

        assertThat(SIM.requests().apiRequests()).extracting(RecordedRequest::status).containsExactly(429, 200);
    }

    @Test
    void retriesConnectionResetsWithTheSameTaskUuid() throws Exception {
        SIM.faults().resetNextRequests(2);
        VideoInferenceRequest request = request();

        SubmitAck ack = await(client.submit(request));

        assertThat(ack).isEqualTo(new SubmitAck(request.taskUUID(), false));
        assertThat(SIM.requests().tasks("videoInference")).hasSize(3).extracting(t -> t.get("taskUUID"))
                .containsOnly(request.taskUUID());
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void lostAnswerThenDuplicateMeansAlreadySubmittedAndBilledOnce() throws Exception {
        SIM.faults().dropNextResponses(1);
        VideoInferenceRequest request = request();

        SubmitAck ack = await(client.submit(request));

        assertThat(ack).isEqualTo(new SubmitAck(request.taskUUID(), true));
        assertThat(SIM.requests().submissions(request.taskUUID())).isEqualTo(2);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
        assertThat(SIM.requests().duplicateSubmits()).isEqualTo(1);
    }

    @Test
    void duplicateOnFirstAttemptAlsoMeansAlreadySubmitted() throws Exception {
        VideoInferenceRequest request = request();
        await(client.submit(request));

        assertThat(await(client.submit(request)).alreadySubmitted()).isTrue();
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void retriesRunOut() throws Exception {
        SIM.faults().failNextRequests(503, 10);

        assertThat(SimulatorClients.failureOf(client.submit(request()))).isInstanceOfSatisfying(RunwareServerException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(503);
            assertThat(e.retryable()).isTrue();
        });
        assertThat(SIM.requests().apiRequests()).hasSize(1 + SimulatorClients.QUICK_RETRIES.maxRetries());
    }

    @Test
    void wrongKeyIsNotRetriedAndNeverShown() throws Exception {
        RunwareClient intruder = clients.client(SIM.baseUrl(), "sk-wrong-secret", SimulatorClients.QUICK_RETRIES);

        Throwable failure = SimulatorClients.failureOf(intruder.submit(request()));

        assertThat(failure).isInstanceOf(RunwareAuthenticationException.class);
        assertThat(failure.getMessage()).doesNotContain("sk-wrong-secret");
        assertThat(SIM.requests().apiRequests()).hasSize(1);
    }

    @Test
    void estimateIsADryRunThatLeavesTheUuidFree() throws Exception {
        VideoInferenceRequest request = request();

        Estimate estimate = await(client.estimate(request));

        assertThat(estimate.taskUUID()).isEqualTo(request.taskUUID());
        assertThat(estimate.cost()).isEqualByComparingTo(new BigDecimal("0.405"));
        assertThat(SIM.requests().apiRequests().get(0).dryRun()).isTrue();
        assertThat(SIM.requests().billedTasks()).isZero();
        assertThat(SIM.requests().submissions(request.taskUUID())).isZero();
        assertThat(await(client.submit(request)).alreadySubmitted()).isFalse();
    }

    @Test
    void oneRequestPollsManyTasks() throws Exception {
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uuids.add(await(client.submit(request())).taskUUID());
        }
        String unknown = UUID.randomUUID().toString();
        uuids.add(unknown);
        SIM.requests().clear();

        Map<String, TaskStatus> statuses = await(client.getResponses(uuids));

        assertThat(SIM.requests().apiRequests()).hasSize(1);
        assertThat(SIM.requests().count("getResponse")).isEqualTo(6);
        assertThat(statuses).containsOnlyKeys(uuids);
        assertThat(statuses.get(unknown).state()).isEqualTo(TaskState.NOT_FOUND);
        assertThat(statuses.get(unknown).error()).isInstanceOf(RunwareNotFoundException.class);
        assertThat(uuids.subList(0, 5)).allSatisfy(u -> assertThat(statuses.get(u).state())
                .isIn(TaskState.PROCESSING, TaskState.SUCCESS));
    }

    @Test
    void finishedTaskCarriesItsItems() throws Exception {
        VideoInferenceRequest request = request().toBuilder().set("numberResults", 2).set("includeCost", true).build();
        await(client.submit(request));
        SIM.simulator().completeAll();

        TaskStatus status = await(client.getResponses(List.of(request.taskUUID()))).get(request.taskUUID());

        assertThat(status.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(status.isFinal(2)).isTrue();
        assertThat(status.items()).hasSize(2).allSatisfy(item -> {
            assertThat(item.taskUUID()).isEqualTo(request.taskUUID());
            assertThat(item.videoURL()).isNotNull();
            assertThat(item.cost()).isEqualByComparingTo(new BigDecimal("0.405"));
        });
    }

    @Test
    void downloadStreamsTheVideoToAFile() throws Exception {
        VideoItem item = finishedVideo();
        Path target = dir.resolve("videos/fox.mp4");

        DownloadedFile file = await(client.download(item.videoURL(), target));

        assertThat(file.path()).isEqualTo(target);
        assertThat(file.size()).isEqualTo(VIDEO_BYTES);
        assertThat(Files.size(target)).isEqualTo(VIDEO_BYTES);
        assertThat(file.contentType()).isEqualTo("video/mp4");
        assertThat(dir.resolve("videos/fox.mp4.part")).doesNotExist();
        assertThat(SIM.requests().all()).filteredOn(r -> r.path().startsWith("/media/"))
                .as("the video GET, which must carry no API key").hasSize(1)
                .allSatisfy(r -> assertThat(r.headers().keySet()).noneMatch("Authorization"::equalsIgnoreCase));
    }

    @Test
    void downloadRetriesTransientFailures() throws Exception {
        VideoItem item = finishedVideo();
        SIM.faults().failNextDownloads(503, 2);

        DownloadedFile file = await(client.download(item.videoURL(), dir.resolve("fox.mp4")));

        assertThat(file.size()).isEqualTo(VIDEO_BYTES);
        assertThat(SIM.requests().all()).filteredOn(r -> r.path().startsWith("/media/")).hasSize(3);
    }

    @Test
    void expiredVideoIsNotFound() throws Exception {
        VideoItem item = finishedVideo();
        SIM.simulator().expireMedia(item.videoUUID());
        Path target = dir.resolve("gone.mp4");

        assertThat(SimulatorClients.failureOf(client.download(item.videoURL(), target)))
                .isInstanceOfSatisfying(RunwareNotFoundException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
        assertThat(target).doesNotExist();
        assertThat(SIM.requests().all()).filteredOn(r -> r.path().startsWith("/media/")).hasSize(1);
    }

    @Test
    void uploadsImagesAndMedia() throws Exception {
        UploadedMedia image = await(client.uploadImage(PNG));
        UploadedMedia media = await(client.uploadMedia(PNG));

        assertThat(image.uuid()).isNotBlank();
        assertThat(image.url()).isNotNull();
        assertThat(media.uuid()).isNotBlank().isNotEqualTo(image.uuid());
        assertThat(await(client.download(media.url(), dir.resolve("back.png"))).size()).isPositive();
        assertThat(SIM.requests().count("imageUpload")).isEqualTo(1);
        assertThat(SIM.requests().tasks("mediaStorage").get(0)).containsEntry("operation", "upload");
        VideoInferenceRequest usingIt = VideoInferenceRequest.builder().set("positivePrompt", "animate it")
                .set("frameImages", List.of(FrameImage.of(image.uuid()))).build();
        assertThat(await(client.submit(usingIt)).alreadySubmitted()).isFalse();
    }

    @Test
    void unknownMediaUuidIsClassified() throws Exception {
        VideoInferenceRequest request = VideoInferenceRequest.builder().set("positivePrompt", "animate it")
                .set("frameImages", List.of(FrameImage.of(UUID.randomUUID().toString()))).build();

        assertThat(SimulatorClients.failureOf(client.submit(request))).isInstanceOfSatisfying(RunwareNotFoundException.class,
                e -> assertThat(e.code()).isEqualTo("mediaNotFound"));
    }

    @Test
    void closedClientRefusesWork() throws Exception {
        client.close();

        assertThat(SimulatorClients.failureOf(client.getResponses(List.of(UUID.randomUUID().toString()))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(SIM.requests().all()).isEmpty();
    }

    private VideoItem finishedVideo() throws Exception {
        VideoInferenceRequest request = request();
        await(client.submit(request));
        SIM.simulator().completeAll();
        TaskStatus status = await(client.getResponses(List.of(request.taskUUID()))).get(request.taskUUID());
        assertThat(status.state()).isEqualTo(TaskState.SUCCESS);
        URI url = status.items().get(0).videoURL();
        assertThat(url).isNotNull();
        return status.items().get(0);
    }
}
