package io.github.camelseedance.runware;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelseedance.runware.error.RunwareAuthenticationException;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareServerException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.model.Estimate;
import io.github.camelseedance.runware.model.FrameImage;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskDetails;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.UploadedMedia;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.runware.rules.Violation;
import io.github.camelseedance.simulator.RecordedRequest;
import io.github.camelseedance.simulator.RunwareSimulator;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import io.github.camelseedance.simulator.SingularErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against the Runware simulator in its Runware-faithful default mode: acknowledgements, retries, lost
 * answers and {@code conflictTaskUUID}, polls, getTaskDetails, uploads, downloads. The simulator's own counts are the
 * oracle.
 */
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
        return VideoInferenceRequest.builder().set("positivePrompt", "a red fox in the snow").set("width", 1280)
                .set("height", 720)
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
    void aBurstOfSubmitsSharesRequestsAndLosesNoTaskWhenAnswersAreLost() throws Exception {
        // answers slow enough that the burst is all submitted while the first requests are on the way, on any machine
        SIM.faults().slowAnswers(1.0, Duration.ofMillis(100)).dropNextResponses(3);
        List<VideoInferenceRequest> requests = new ArrayList<>();
        List<CompletableFuture<SubmitAck>> acks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            requests.add(request());
            acks.add(client.submit(requests.get(i)));
        }

        for (int i = 0; i < requests.size(); i++) {
            assertThat(await(acks.get(i)).taskUUID()).isEqualTo(requests.get(i).taskUUID());
        }
        List<RecordedRequest> submits = SIM.requests().apiRequests().stream()
                .filter(r -> "videoInference".equals(r.tasks().get(0).get("taskType"))).toList();
        assertThat(submits).hasSizeLessThan(20).anySatisfy(r -> assertThat(r.tasks()).hasSizeGreaterThan(1));
        assertThat(SIM.requests().billedTasks()).isEqualTo(100);
    }

    @Test
    void aTaskRefusedInASharedRequestFailsAloneAndTheOthersRun() throws Exception {
        SIM.faults().slowAnswers(1.0, Duration.ofMillis(200));
        try (RunwareClient oneAtATime = new RunwareClient(RunwareClientConfig.builder().baseUrl(SIM.baseUrl())
                .apiKey(SIM.apiKey()).scheduler(clients.scheduler()).retryPolicy(SimulatorClients.QUICK_RETRIES)
                .submitRequests(1).build())) {
            CompletableFuture<SubmitAck> first = oneAtATime.submit(request());
            CompletableFuture<SubmitAck> good = oneAtATime.submit(request());
            CompletableFuture<SubmitAck> bad = oneAtATime
                    .submit(request().toBuilder().set("model", "acme:nothing@1").build());
            CompletableFuture<SubmitAck> other = oneAtATime.submit(request());

            await(first);
            assertThat(await(good).alreadySubmitted()).isFalse();
            assertThat(await(other).alreadySubmitted()).isFalse();
            assertThat(SimulatorClients.failureOf(bad)).isInstanceOfSatisfying(RunwareNotFoundException.class,
                    e -> assertThat(e.code()).isEqualTo("modelNotFound"));
        }
        assertThat(SIM.requests().apiRequests()).extracting(r -> r.tasks().size()).containsExactly(1, 3);
        assertThat(SIM.requests().billedTasks()).isEqualTo(3);
    }

    @Test
    void invalidRequestSendsNothing() throws Exception {
        CompletableFuture<SubmitAck> submit = client
                .submit(request().toBuilder().set("duration", 30).set("width", 100).build());

        assertThat(SimulatorClients.failureOf(submit)).isInstanceOfSatisfying(RunwareValidationException.class, e -> {
            assertThat(e.violations()).extracting(Violation::code)
                    .containsExactly("unsupportedDuration", "invalidParameterValue");
            assertThat(e.getMessage()).contains("duration").contains("30").contains("4..15");
        });
        assertThat(SIM.requests().all()).isEmpty();
    }

    @Test
    void serverSideValidationIsClassified() throws Exception {
        CompletableFuture<SubmitAck> submit = client
                .submit(request().toBuilder().set("model", "acme:nothing@1").build());

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
    void retriesConnectionResetsWithTheSameTaskUuidProbingFirst() throws Exception {
        SIM.faults().resetNextRequests(3);
        VideoInferenceRequest request = request();

        SubmitAck ack = await(client.submit(request));

        assertThat(ack).isEqualTo(new SubmitAck(request.taskUUID(), false));
        assertThat(SIM.requests().apiRequests()).extracting(r -> r.tasks().get(0).get("taskType") + " "
                                                                 + r.tasks().get(0).get("taskUUID") + " " + r.status())
                .containsExactly("videoInference " + request.taskUUID() + " -1",
                        "getResponse " + request.taskUUID() + " -1",
                        "videoInference " + request.taskUUID() + " -1",
                        "getResponse " + request.taskUUID() + " 400",
                        "videoInference " + request.taskUUID() + " 200");
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void aLostAnswerIsProbedWithGetResponseInsteadOfResent() throws Exception {
        SIM.faults().dropNextResponses(1);
        VideoInferenceRequest request = request();

        SubmitAck ack = await(client.submit(request));

        assertThat(ack).isEqualTo(new SubmitAck(request.taskUUID(), true));
        assertThat(SIM.requests().submissions(request.taskUUID())).isEqualTo(1);
        assertThat(SIM.requests().count("getResponse")).isEqualTo(1);
        assertThat(SIM.requests().conflicts()).isZero();
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void aResendAnsweredConflictTaskUUIDMeansTheFirstSendArrived() throws Exception {
        SIM.faults().dropNextResponses(2);
        VideoInferenceRequest request = request();

        SubmitAck ack = await(client.submit(request));

        assertThat(ack).isEqualTo(new SubmitAck(request.taskUUID(), true));
        assertThat(SIM.requests().submissions(request.taskUUID())).isEqualTo(2);
        assertThat(SIM.requests().conflicts()).isEqualTo(1);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void aGatewayTimeoutIsProbedAndTheTaskSentWhenRunwareDoesNotKnowIt() throws Exception {
        SIM.faults().failNextRequests(504, 1);
        VideoInferenceRequest request = request();

        SubmitAck ack = await(client.submit(request));

        assertThat(ack).isEqualTo(new SubmitAck(request.taskUUID(), false));
        assertThat(SIM.requests().apiRequests()).extracting(r -> r.tasks().get(0).get("taskType"))
                .containsExactly("videoInference", "getResponse", "videoInference");
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
        assertThat(SIM.requests().conflicts()).isZero();
    }

    @Test
    void conflictTaskUUIDOnAFirstAttemptIsARealConflict() throws Exception {
        VideoInferenceRequest request = request();
        await(client.submit(request));

        assertThat(SimulatorClients.failureOf(client.submit(request)))
                .isInstanceOfSatisfying(RunwareValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("conflictTaskUUID");
                    assertThat(e.taskUUID()).isEqualTo(request.taskUUID());
                    assertThat(e.getMessage()).contains(request.taskUUID()).contains("already in use");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(SIM.requests().submissions(request.taskUUID())).isEqualTo(2);
        assertThat(SIM.requests().conflicts()).isEqualTo(1);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void submitOnceResumesATaskThatExists() throws Exception {
        VideoInferenceRequest request = request();
        await(client.submit(request));

        assertThat(await(client.submitOnce(request))).isEqualTo(new SubmitAck(request.taskUUID(), true));
        assertThat(SIM.requests().submissions(request.taskUUID())).isEqualTo(1);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void submitOnceReadsAConflictOnItsFirstAttemptAsTheTaskOfItsKey() throws Exception {
        VideoInferenceRequest request = request();
        await(client.submit(request));
        SIM.simulator().completeAll();
        SIM.simulator().expireTask(request.taskUUID());

        assertThat(await(client.submitOnce(request))).isEqualTo(new SubmitAck(request.taskUUID(), true));
        assertThat(SIM.requests().conflicts()).isEqualTo(1);
        assertThat(SIM.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void aSingularErrorCarriesTheTaskBesideIt() throws Exception {
        try (RunwareSimulator singular = RunwareSimulator.builder().singularErrors(SingularErrors.SINGLE_ERRORS)
                .renderTime(Duration.ofMillis(200)).syntheticVideos(1_000).build().start()) {
            RunwareClient to = clients.client(singular.baseUrl(), singular.apiKey(), SimulatorClients.QUICK_RETRIES);
            VideoInferenceRequest request = request();
            await(to.submit(request));

            Throwable conflict = SimulatorClients.failureOf(to.submit(request));

            assertThat(singular.requests().apiRequests().get(1).status()).isEqualTo(400);
            assertThat(conflict).isInstanceOfSatisfying(RunwareValidationException.class, e -> {
                assertThat(e.code()).isEqualTo("conflictTaskUUID");
                assertThat(e.taskUUID()).isEqualTo(request.taskUUID());
                assertThat(e.error().taskType()).isEqualTo("videoInference");
            });
        }
    }

    @Test
    void retriesRunOutAndTheFailureNamesTheTask() throws Exception {
        SIM.faults().failNextRequests(503, 10);
        VideoInferenceRequest request = request();

        assertThat(SimulatorClients.failureOf(client.submit(request)))
                .isInstanceOfSatisfying(RunwareServerException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.taskUUID()).isEqualTo(request.taskUUID());
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
    void lostAnswersUntilTheRetriesRunOutStillNameTheTask() throws Exception {
        SIM.faults().resetNextRequests(10);
        VideoInferenceRequest request = request();

        assertThat(SimulatorClients.failureOf(client.submit(request))).satisfies(e -> assertThat(
                ((io.github.camelseedance.runware.error.RunwareException) e).taskUUID()).isEqualTo(request.taskUUID()));
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
    void videoToVideoIsPricedAtItsOwnRate() throws Exception {
        VideoInferenceRequest request = VideoInferenceRequest.builder().set("positivePrompt", "the same, at night")
                .set("width", 864).set("height", 496).set("duration", 4).set("audio", false)
                .set("referenceVideos", List.of("https://example.com/day.mp4")).build();

        assertThat(await(client.estimate(request)).cost()).isEqualByComparingTo("0.172");
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
        assertThat(status.isFinal()).isTrue();
        assertThat(status.failures()).isEmpty();
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
    void aFreshVideoStillBeingWrittenIsDownloadedOnceReady() throws Exception {
        SIM.faults().notReadyOnFirstGetOfNextVideos(1);
        VideoItem item = finishedVideo();

        DownloadedFile file = await(client.downloadVideo(item, dir.resolve("fox.mp4"), Instant.now().plusSeconds(20)));

        assertThat(file.size()).isEqualTo(VIDEO_BYTES);
        assertThat(SIM.requests().notReadyAnswers()).isEqualTo(1);
        assertThat(SIM.requests().mediaDownloads()).isEqualTo(2);
    }

    @Test
    void anOpenedVideoStreamsItsBodyAndTakesADownloadSlotOnlyUntilItsHeadersCame() throws Exception {
        DownloadLimiter limiter = DownloadLimiter.fixed(2);
        try (RunwareClient limited = limitedClient(limiter)) {
            VideoItem item = finishedVideo();
            SIM.faults().failNextDownloads(503, 2);

            DownloadStream stream = await(limited.openVideo(item, Instant.now().plusSeconds(20)));

            assertThat(stream.length()).isEqualTo(VIDEO_BYTES);
            assertThat(stream.contentType()).isEqualTo("video/mp4");
            assertThat(limiter.peakActive()).as("each attempt took a slot").isEqualTo(1);
            assertThat(limiter.active()).as("the unread body holds none: its reader paces it").isZero();
            byte[] bytes = stream.readAllBytes();
            assertThat(bytes).hasSize((int) VIDEO_BYTES);
            assertThat(stream.bytesRead()).isEqualTo(VIDEO_BYTES);
            assertThat(SIM.requests().all()).as("two 503s retried, then the stream")
                    .filteredOn(r -> r.path().startsWith("/media/")).hasSize(3);
            stream.close();
        }
    }

    @Test
    void unreadStreamsNeverKeepTheNextOneFromOpening() throws Exception {
        DownloadLimiter limiter = DownloadLimiter.fixed(1);
        try (RunwareClient limited = limitedClient(limiter)) {
            VideoItem item = finishedVideo();
            DownloadStream first = await(limited.openVideo(item, null));

            DownloadStream second = await(limited.openVideo(item, null));

            assertThat(limiter.waiting()).isZero();
            assertThat(second.readAllBytes()).hasSize((int) VIDEO_BYTES);
            assertThat(first.readAllBytes()).as("the first, read after the second").hasSize((int) VIDEO_BYTES);
            first.close();
            second.close();
        }
    }

    @Test
    void anExpiredVideoIsNotOpenedAndTheFailureNamesTheTaskAndTheVideo() throws Exception {
        VideoItem item = finishedVideo();
        SIM.simulator().expireMedia(item.videoUUID());

        Throwable failure = SimulatorClients.failureOf(client.openVideo(item, Instant.now().plusSeconds(20)));

        assertThat(failure).isInstanceOf(RunwareNotFoundException.class).hasMessageContaining(item.taskUUID())
                .hasMessageContaining(item.videoUUID()).hasMessageContaining("getTaskDetails");
        assertThat(SIM.requests().mediaDownloads()).isEqualTo(1);
    }

    private RunwareClient limitedClient(DownloadLimiter limiter) {
        return new RunwareClient(RunwareClientConfig.builder().baseUrl(SIM.baseUrl()).apiKey(SIM.apiKey())
                .scheduler(clients.scheduler()).retryPolicy(SimulatorClients.QUICK_RETRIES)
                .requestTimeout(Duration.ofSeconds(10)).downloadLimiter(limiter).build());
    }

    @Test
    void anExpiredVideoIsAskedForAgainThenFailsNamingTheTaskAndTheVideo() throws Exception {
        VideoItem item = finishedVideo();
        SIM.simulator().expireMedia(item.videoUUID());
        int polls = SIM.requests().count("getResponse");

        Throwable failure = SimulatorClients.failureOf(client.downloadVideo(item, dir.resolve("gone.mp4"),
                Instant.now().plusSeconds(20)));

        assertThat(failure).isInstanceOf(RunwareNotFoundException.class).hasMessageContaining(item.taskUUID())
                .hasMessageContaining(item.videoUUID()).hasMessageContaining("getTaskDetails");
        assertThat(SIM.requests().count("getResponse")).isEqualTo(polls + 1);
        assertThat(SIM.requests().taskDetailsCalls()).isEqualTo(1);
        assertThat(SIM.requests().mediaDownloads()).isEqualTo(1);
    }

    @Test
    void getTaskDetailsRecoversATaskGetResponseForgot() throws Exception {
        VideoItem item = finishedVideo();
        SIM.simulator().expireTask(item.taskUUID());

        assertThat(await(client.getResponses(List.of(item.taskUUID()))).get(item.taskUUID()).state())
                .isEqualTo(TaskState.NOT_FOUND);
        TaskStatus recovered = await(client.taskStatus(item.taskUUID()));
        TaskDetails details = await(client.taskDetails(item.taskUUID()));

        assertThat(recovered.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(recovered.items()).extracting(VideoItem::videoUUID).containsExactly(item.videoUUID());
        assertThat(details.request()).singleElement().satisfies(task -> assertThat(task)
                .containsEntry("taskUUID", item.taskUUID()).containsEntry("positivePrompt", "a red fox in the snow"));
        assertThat(SIM.requests().taskDetailsCalls()).isEqualTo(2);
        assertThat(SimulatorClients.failureOf(client.taskDetails(UUID.randomUUID().toString())))
                .isInstanceOf(RunwareNotFoundException.class);
        assertThat(await(client.taskStatus(UUID.randomUUID().toString())).state()).isEqualTo(TaskState.NOT_FOUND);
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
    void uploadsThroughMediaStorageAndDeletesAgain() throws Exception {
        UploadedMedia media = await(client.uploadMedia(PNG));

        assertThat(media.uuid()).isNotBlank();
        assertThat(await(client.download(media.url(), dir.resolve("back.png"))).size()).isPositive();
        assertThat(SIM.requests().count("imageUpload")).isZero();
        assertThat(SIM.requests().tasks("mediaStorage").get(0)).containsEntry("operation", "upload");
        VideoInferenceRequest usingIt = VideoInferenceRequest.builder().set("positivePrompt", "animate it")
                .set("frameImages", List.of(FrameImage.of(media.uuid()))).build();
        assertThat(await(client.submit(usingIt)).alreadySubmitted()).isFalse();

        await(client.deleteMedia(media.uuid()));

        assertThat(SIM.requests().tasks("mediaStorage").get(1)).containsEntry("operation", "delete")
                .containsEntry("media", media.uuid());
        assertThat(SimulatorClients.failureOf(client.deleteMedia(media.uuid())))
                .isInstanceOfSatisfying(RunwareNotFoundException.class, e -> assertThat(e.code())
                        .isEqualTo("mediaNotFound"));
        assertThat(SimulatorClients.failureOf(client.download(media.url(), dir.resolve("gone.png"))))
                .isInstanceOf(RunwareNotFoundException.class);
    }

    @Test
    void unknownMediaUuidIsClassified() throws Exception {
        VideoInferenceRequest request = VideoInferenceRequest.builder().set("positivePrompt", "animate it")
                .set("frameImages", List.of(FrameImage.of(UUID.randomUUID().toString()))).build();

        assertThat(SimulatorClients.failureOf(client.submit(request))).isInstanceOfSatisfying(
                RunwareNotFoundException.class,
                e -> assertThat(e.code()).isEqualTo("mediaNotFound"));
    }

    @Test
    void anUnreachableServerIsNamedWithItsHostAndTheCause() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RunwareClient unreachable = clients.client("http://127.0.0.1:" + closedPort + "/v1", "key",
                SimulatorClients.QUICK_RETRIES);

        assertThat(SimulatorClients.failureOf(unreachable.submit(request())))
                .isInstanceOf(RunwareConnectionException.class)
                .hasMessageContaining("Runware request to 127.0.0.1:" + closedPort + " failed")
                .hasMessageContaining("java.net.ConnectException");
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
