package io.github.camelseedance.runware.integration;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelseedance.runware.RetryPolicy;
import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.SimulatorClients;
import io.github.camelseedance.runware.error.ErrorFamily;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.internal.RunwareResponse;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.UploadedMedia;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.runware.rules.ModelRules;
import io.github.camelseedance.runware.rules.PriceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client relies on of the Runware API, asserted the same way against the simulator (every build) and against
 * the real Runware (when {@code RUNWARE_API_KEY} is set): a dry run's price, an invalid request's error shape, a submit
 * polled to completion and downloaded, a resend of the same taskUUID, an upload deleted again, an unknown task. It
 * bills ONE task at the cheapest settings (480p, 4 s, audio off, one result) and prints the estimated spend first.
 * Run it against a new Runware release to see whether the client's reading of the API still holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunwareContract {

    /** A 1x1 PNG, the smallest upload. */
    static final String PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private SimulatorClients clients;
    private RunwareClient client;

    @TempDir
    Path dir;

    /** @return where the contract is checked, for the output */
    abstract String target();

    /** @return the API's base URL */
    abstract String baseUrl();

    /** @return the API key */
    abstract String apiKey();

    /** @return how to wait for the task (real videos take minutes) */
    abstract WaitPolicy waitPolicy();

    /** Skips the contract (with a line saying why) when its target cannot be reached. */
    void assumeReachable() {
    }

    @BeforeAll
    void connect() {
        assumeReachable();
        clients = new SimulatorClients();
        client = clients.client(baseUrl(), apiKey(), new RetryPolicy(3, Duration.ofSeconds(1), 2.0,
                Duration.ofSeconds(30), 0.2, true));
        BigDecimal spend = ModelRules.forModel(cheapest().model()).cost(cheapest()).orElseThrow();
        System.out.println("Runware contract against " + target() + " (" + baseUrl() + "): 1 video task of "
                           + cheapest().model() + ", 864x496, 4 s, audio off, 1 result: estimated spend " + spend
                           + " USD (" + PriceTable.SOURCE + ")");
    }

    @AfterAll
    void disconnect() {
        if (clients != null) {
            client.close();
            clients.close();
        }
    }

    /** The cheapest task there is: 480p, 4 s, no audio, one result. */
    static VideoInferenceRequest cheapest() {
        return VideoInferenceRequest.builder()
                .set("positivePrompt", "A paper boat drifting on a calm pond, morning light").set("width", 864)
                .set("height", 496).set("duration", 4).set("audio", false).set("numberResults", 1).build();
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout) throws Exception {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aDryRunPricesTheTaskAsThePriceTableDoesAndBillsNothing() throws Exception {
        VideoInferenceRequest request = cheapest().with("taskUUID", UUID.randomUUID().toString());

        BigDecimal price = await(client.estimate(request), Duration.ofMinutes(1)).cost();

        assertThat(price).isEqualByComparingTo(ModelRules.forModel(request.model()).cost(request).orElseThrow());
        assertThat(await(client.getResponses(List.of(request.taskUUID())), Duration.ofMinutes(1))
                .get(request.taskUUID()).state()).isEqualTo(TaskState.NOT_FOUND);
    }

    @Test
    void anInvalidRequestIsAnsweredWithAPerParameterErrorAboutTheTask() throws Exception {
        String uuid = UUID.randomUUID().toString();
        Map<String, Object> task = cheapest().with("taskUUID", uuid).toTask();
        task.put("duration", 99);

        RunwareResponse answer = await(client.send(List.of(task), true), Duration.ofMinutes(1));

        assertThat(answer.httpStatus()).isEqualTo(400);
        RunwareError error = answer.errorFor(uuid).orElseThrow();
        assertThat(error.family()).isEqualTo(ErrorFamily.VALIDATION);
        assertThat(error.parameters()).containsExactly("duration");
        assertThat(error.taskUUID()).isEqualTo(uuid);
        assertThat(error.message()).isNotBlank();
    }

    @Test
    void aTaskIsSubmittedRefusedWhenSentAgainPolledToCompletionAndDownloaded() throws Exception {
        VideoInferenceRequest request = cheapest().with("taskUUID", UUID.randomUUID().toString());

        assertThat(await(client.submit(request), Duration.ofMinutes(1))).isEqualTo(new SubmitAck(request.taskUUID(),
                false));

        RunwareResponse resend = await(client.send(List.of(request.toTask()), false), Duration.ofMinutes(1));
        RunwareError conflict = resend.errorFor(request.taskUUID()).orElseThrow();
        assertThat(conflict.isTaskUUIDConflict()).as("code %s", conflict.code()).isTrue();
        assertThat(conflict.family()).isEqualTo(ErrorFamily.VALIDATION);
        assertThat(SimulatorClients.failureOf(client.submit(request))).isInstanceOf(RunwareValidationException.class);
        assertThat(await(client.submitOnce(request), Duration.ofMinutes(1)).alreadySubmitted()).isTrue();

        TaskStatus done;
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), false, 1)) {
            done = await(tracker.track(request.taskUUID(), 1, waitPolicy(), null),
                    waitPolicy().timeout().plusMinutes(1));
        }
        assertThat(done.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(done.items()).singleElement().satisfies(video -> {
            assertThat(video.taskUUID()).isEqualTo(request.taskUUID());
            assertThat(video.videoUUID()).isNotBlank();
            assertThat(video.videoURL()).isNotNull();
        });
        VideoItem video = done.items().get(0);
        DownloadedFile file = await(
                client.downloadVideo(video, dir.resolve("boat.mp4"), Instant.now().plusSeconds(120)),
                Duration.ofMinutes(3));
        assertThat(file.size()).isPositive();
    }

    @Test
    void uploadedMediaIsStoredAndDeletedAgain() throws Exception {
        UploadedMedia media = await(client.uploadMedia(PNG), Duration.ofMinutes(1));

        assertThat(media.uuid()).isNotBlank();
        await(client.deleteMedia(media.uuid()), Duration.ofMinutes(1));
        assertThat(SimulatorClients.failureOf(client.deleteMedia(media.uuid())))
                .isInstanceOf(RunwareNotFoundException.class);
    }

    @Test
    void anUnknownTaskIsOfTheNotFoundFamily() throws Exception {
        String unknown = UUID.randomUUID().toString();

        TaskStatus status = await(client.getResponses(List.of(unknown)), Duration.ofMinutes(1)).get(unknown);

        assertThat(status.state()).isEqualTo(TaskState.NOT_FOUND);
        assertThat(status.error().family()).isEqualTo(ErrorFamily.NOT_FOUND);
        assertThat(await(client.taskStatus(unknown), Duration.ofMinutes(1)).state()).isEqualTo(TaskState.NOT_FOUND);
    }
}
