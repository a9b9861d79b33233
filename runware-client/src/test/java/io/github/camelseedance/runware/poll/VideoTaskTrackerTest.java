package io.github.camelseedance.runware.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.camelseedance.runware.RetryPolicy;
import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.SimulatorClients;
import io.github.camelseedance.runware.error.RunwareContentPolicyException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareProviderException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.simulator.GetResponseBatching;
import io.github.camelseedance.simulator.RecordedRequest;
import io.github.camelseedance.simulator.ResultErrorForm;
import io.github.camelseedance.simulator.RunwareSimulator;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.github.camelseedance.runware.SimulatorClients.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tracker against the Runware simulator in its Runware-faithful default mode (one item per result in no promised
 * order, no progress, per-result failures): one poll loop, batching that checks itself, errors, not found and
 * getTaskDetails, timeouts, closing.
 */
class VideoTaskTrackerTest {

    /** First poll soon, then every 100 ms: the simulator renders in 300 ms. */
    private static final WaitPolicy QUICK = new WaitPolicy(Duration.ofMillis(50), Duration.ofMillis(100), 1.0,
            Duration.ofMillis(100), Duration.ofSeconds(30));

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300)).syntheticVideos(10_000).seed(7L).build();

    private SimulatorClients clients;
    private RunwareClient client;

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

    private static List<String> submit(RunwareClient to, int count, int numberResults) throws Exception {
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            VideoInferenceRequest request = VideoInferenceRequest.builder()
                    .set("positivePrompt", "a lighthouse, shot " + i)
                    .set("width", 864).set("height", 496).set("duration", 4).set("numberResults", numberResults)
                    .build();
            uuids.add(to.submit(request).get(10, TimeUnit.SECONDS).taskUUID());
        }
        return uuids;
    }

    private static List<RecordedRequest> polls() {
        return SIM.requests().apiRequests().stream().filter(r -> !r.tasks().isEmpty()
                                                                 && "getResponse"
                                                                         .equals(r.tasks().get(0).get("taskType")))
                .toList();
    }

    @Test
    void completesManyTasksWithOneBatchedPollPerCycle() throws Exception {
        List<String> uuids = submit(client, 8, 1);
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 50)) {
            List<CompletableFuture<TaskStatus>> waits = uuids.stream()
                    .map(u -> tracker.track(u, 1, QUICK, null)).toList();

            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(waits).allSatisfy(w -> assertThat(w.join().state()).isEqualTo(TaskState.SUCCESS));
            assertThat(waits).allSatisfy(w -> assertThat(w.join().items()).hasSize(1));
            assertThat(tracker.inFlight()).isZero();
            List<RecordedRequest> polls = polls();
            assertThat(tracker.pollRequests()).isEqualTo(polls.size());
            assertThat(polls.get(0).tasks()).hasSize(8);
            assertThat(SIM.requests().count("getResponse")).isGreaterThanOrEqualTo(2 * polls.size());
        }
    }

    @Test
    void batchesAreCappedAtTheMaximumSize() throws Exception {
        List<String> uuids = submit(client, 7, 1);
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 3)) {
            List<CompletableFuture<TaskStatus>> waits = uuids.stream()
                    .map(u -> tracker.track(u, 1, QUICK, null)).toList();

            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(polls()).allSatisfy(r -> assertThat(r.tasks()).hasSizeBetween(1, 3));
            assertThat(polls().subList(0, 3)).extracting(r -> r.tasks().size()).containsExactlyInAnyOrder(3, 3, 1);
        }
    }

    @Test
    void aTaskTakenFromAWebhookLeavesTheOthersOnTheirSchedule() throws Exception {
        List<String> uuids = submit(client, 2, 1);
        String pushed = uuids.get(0);
        String polled = uuids.get(1);
        TaskStatus delivered = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.getResponses(List.of(pushed)).get(5, TimeUnit.SECONDS).get(pushed),
                        status -> status != null && status.state() == TaskState.SUCCESS);
        long pollsBefore = polls().size();
        WaitPolicy soon = new WaitPolicy(Duration.ofMillis(200), Duration.ofMillis(100), 1.0, Duration.ofMillis(100),
                Duration.ofSeconds(30));
        WaitPolicy later = new WaitPolicy(Duration.ofMillis(700), Duration.ofMillis(100), 1.0, Duration.ofMillis(100),
                Duration.ofSeconds(30));
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 50)) {
            CompletableFuture<TaskStatus> pushedWait = tracker.track(pushed, 1, soon, null);
            CompletableFuture<TaskStatus> polledWait = tracker.track(polled, 1, later, null);

            assertThat(tracker.offer(delivered)).isTrue();

            assertThat(pushedWait.get(1, TimeUnit.SECONDS).state()).isEqualTo(TaskState.SUCCESS);
            assertThat(polledWait.get(10, TimeUnit.SECONDS).state()).isEqualTo(TaskState.SUCCESS);
            List<RecordedRequest> trackerPolls = polls().subList((int) pollsBefore, polls().size());
            assertThat(trackerPolls).hasSize(1);
            assertThat(trackerPolls.get(0).tasks()).extracting(t -> t.get("taskUUID")).containsExactly(polled);
            assertThat(tracker.pollRequests()).isEqualTo(1);
            assertThat(tracker.inFlight()).isZero();
        }
    }

    @Test
    void withoutBatchingEachRequestPollsOneTask() throws Exception {
        List<String> uuids = submit(client, 3, 1);
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), false, 50)) {
            List<CompletableFuture<TaskStatus>> waits = uuids.stream()
                    .map(u -> tracker.track(u, 1, QUICK, null)).toList();

            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(polls()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(r -> assertThat(r.tasks()).hasSize(1));
            assertThat(tracker.pollRequests()).isEqualTo(polls().size());
        }
    }

    @Test
    void waitsForEveryResultAndReportsProgress() throws Exception {
        String uuid = submit(client, 1, 2).get(0);
        List<TaskStatus> progress = new CopyOnWriteArrayList<>();
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 50)) {
            TaskStatus done = tracker.track(uuid, 2, QUICK, progress::add).get(30, TimeUnit.SECONDS);

            assertThat(done.state()).isEqualTo(TaskState.SUCCESS);
            assertThat(done.items()).hasSize(2).extracting(VideoItem::videoUUID).doesNotHaveDuplicates();
            assertThat(progress).isNotEmpty().allSatisfy(s -> {
                assertThat(s.isFinal()).isFalse();
                assertThat(s.taskUUID()).isEqualTo(uuid);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(ResultErrorForm.class)
    void aFailedResultLeavesItsSiblingsDelivered(ResultErrorForm form) throws Exception {
        try (RunwareSimulator sim = RunwareSimulator.builder().resultErrorForm(form).renderTime(Duration.ofMillis(300))
                .syntheticVideos(1_000).build().start()) {
            RunwareClient to = clients.client(sim.baseUrl(), sim.apiKey(), SimulatorClients.QUICK_RETRIES);
            sim.faults().failResultOfNextTasks(1, "providerContentPolicyViolation", 1);
            String uuid = submit(to, 1, 3).get(0);
            try (VideoTaskTracker tracker = new VideoTaskTracker(to, clients.scheduler(), true, 50)) {
                TaskStatus done = tracker.track(uuid, 3, QUICK, null).get(30, TimeUnit.SECONDS);

                assertThat(done.state()).isEqualTo(TaskState.SUCCESS);
                assertThat(done.items()).hasSize(2).extracting(VideoItem::videoUUID).doesNotHaveDuplicates();
                assertThat(done.failures()).singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo("providerContentPolicyViolation");
                    assertThat(f.error()).isInstanceOf(RunwareContentPolicyException.class);
                    assertThat(f.error().taskUUID()).isEqualTo(uuid);
                });
                assertThat(sim.requests().billedResults()).isEqualTo(2);
                assertThat(sim.requests().failedResults()).isEqualTo(1);
            }
        }
    }

    @Test
    void aTaskWhoseEveryResultFailedFailsWithEveryFailure() throws Exception {
        SIM.faults().failResultOfNextTasks(0, "providerError", 1).failResultOfNextTasks(1, "timeoutProvider", 1);
        String uuid = submit(client, 1, 2).get(0);
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 50)) {
            Throwable failure = failureOf(tracker.track(uuid, 2, QUICK, null));

            assertThat(failure).isInstanceOf(RunwareProviderException.class);
            assertThat(failure.getSuppressed()).singleElement().isInstanceOf(RunwareTimeoutException.class);
            assertThat(SIM.requests().billedResults()).isZero();
            assertThat(SIM.requests().failedResults()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(value = GetResponseBatching.class, names = { "FIRST_ONLY", "REJECT" })
    void batchingChecksEveryAnswerAndTurnsItselfOff(GetResponseBatching batching) throws Exception {
        try (RunwareSimulator sim = RunwareSimulator.builder().getResponseBatching(batching)
                .renderTime(Duration.ofMillis(600)).syntheticVideos(1_000).build().start()) {
            RunwareClient to = clients.client(sim.baseUrl(), sim.apiKey(), SimulatorClients.QUICK_RETRIES);
            List<String> uuids = submit(to, 6, 1);
            try (VideoTaskTracker tracker = new VideoTaskTracker(to, clients.scheduler(), true, 50)) {
                List<CompletableFuture<TaskStatus>> waits = uuids.stream()
                        .map(u -> tracker.track(u, 1, QUICK, null)).toList();

                CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

                assertThat(waits).allSatisfy(w -> assertThat(w.join().items()).hasSize(1));
                assertThat(tracker.incompleteBatchAnswers()).isEqualTo(VideoTaskTracker.INCOMPLETE_BATCH_LIMIT);
                assertThat(tracker.batchPolling()).isFalse();
                assertThat(sim.requests().unansweredGetResponses()).isPositive();
                assertThat(sim.requests().getResponseBatchSizes().keySet()).contains(1, 6);
                assertThat(sim.requests().billedTasks()).isEqualTo(6);
            }
        }
    }

    @Test
    void batchingStaysOnWhileEveryAnswerIsComplete() throws Exception {
        List<String> uuids = submit(client, 4, 1);
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 50)) {
            CompletableFuture.allOf(uuids.stream().map(u -> tracker.track(u, 1, QUICK, null))
                    .toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(tracker.incompleteBatchAnswers()).isZero();
            assertThat(tracker.batchPolling()).isTrue();
            assertThat(SIM.requests().unansweredGetResponses()).isZero();
        }
    }

    @Test
    void aTaskGetResponseForgotIsRecoveredThroughGetTaskDetails() throws Exception {
        String uuid = submit(client, 1, 1).get(0);
        SIM.simulator().completeAll();
        SIM.simulator().expireTask(uuid);
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 50)) {
            TaskStatus done = tracker.track(uuid, 1, QUICK, null).get(30, TimeUnit.SECONDS);

            assertThat(done.state()).isEqualTo(TaskState.SUCCESS);
            assertThat(done.items()).hasSize(1);
            assertThat(tracker.pollRequests()).isEqualTo(3);
            assertThat(SIM.requests().taskDetailsCalls()).isEqualTo(1);
        }
    }

    @Test
    void pollsFailingLongerThanTheClientsRetriesNeverFailTheWait() throws Exception {
        RunwareClient fragile = clients.client(SIM.baseUrl(), SIM.apiKey(), RetryPolicy.none());
        String uuid = submit(fragile, 1, 1).get(0);
        SIM.faults().failNextRequests(500, 12);
        try (VideoTaskTracker tracker = new VideoTaskTracker(fragile, clients.scheduler(), true, 50)) {
            TaskStatus done = tracker.track(uuid, 1, QUICK, null).get(30, TimeUnit.SECONDS);

            assertThat(done.state()).isEqualTo(TaskState.SUCCESS);
            assertThat(polls()).extracting(RecordedRequest::status).startsWith(500, 500, 500, 500, 500, 500);
            assertThat(tracker.lastPollFailure()).isNull();
        }
    }

    @Test
    void taskErrorIsClassified() throws Exception {
        SIM.faults().failNextTasks("providerError", 1).failNextTasks("contentPolicyViolation", 1);
        List<String> uuids = submit(client, 2, 1);
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 50)) {
            CompletableFuture<TaskStatus> first = tracker.track(uuids.get(0), 1, QUICK, null);
            CompletableFuture<TaskStatus> second = tracker.track(uuids.get(1), 1, QUICK, null);

            assertThat(failureOf(first)).isInstanceOfSatisfying(RunwareProviderException.class, e -> {
                assertThat(e.taskUUID()).isEqualTo(uuids.get(0));
                assertThat(e.retryable()).isTrue();
            });
            assertThat(failureOf(second)).isInstanceOfSatisfying(RunwareContentPolicyException.class,
                    e -> assertThat(e.retryable()).isFalse());
            assertThat(tracker.inFlight()).isZero();
        }
    }

    @Test
    void unknownTaskIsNotFoundAfterThreePollsAndGetTaskDetails() throws Exception {
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 50)) {
            String unknown = UUID.randomUUID().toString();

            assertThat(failureOf(tracker.track(unknown, 1, QUICK, null)))
                    .isInstanceOfSatisfying(RunwareNotFoundException.class,
                            e -> assertThat(e.taskUUID()).isEqualTo(unknown));
            assertThat(tracker.pollRequests()).isEqualTo(3);
            assertThat(SIM.requests().taskDetailsCalls()).isEqualTo(1);
        }
    }

    @Test
    void notFoundCountsOnlyOnceTheSubmitIsAcknowledged() throws Exception {
        try (VideoTaskTracker tracker = new VideoTaskTracker(client, clients.scheduler(), true, 50)) {
            String unknown = UUID.randomUUID().toString();
            CompletableFuture<Void> submitted = new CompletableFuture<>();

            CompletableFuture<TaskStatus> wait = tracker.trackBeforeSubmit(unknown, 1, QUICK, null, submitted);
            await().until(() -> tracker.pollRequests() >= 5);
            assertThat(wait).isNotDone();
            long sentBeforeTheAck = tracker.pollRequests();
            submitted.complete(null);

            assertThat(failureOf(wait)).isInstanceOf(RunwareNotFoundException.class);
            // the not-found answers before the ack did not count: it took NOT_FOUND_LIMIT more, of which only the
            // poll in flight at the ack may have been sent before it
            assertThat(tracker.pollRequests())
                    .isGreaterThanOrEqualTo(sentBeforeTheAck + TrackedTask.NOT_FOUND_LIMIT - 1);
        }
    }

    @Test
    void failedPollsNeverDropATask() throws Exception {
        RunwareClient fragile = clients.client(SIM.baseUrl(), SIM.apiKey(), RetryPolicy.none());
        String uuid = submit(fragile, 1, 1).get(0);
        SIM.faults().failNextRequests(503, 2).resetNextRequests(1);
        try (VideoTaskTracker tracker = new VideoTaskTracker(fragile, clients.scheduler(), true, 50)) {
            TaskStatus done = tracker.track(uuid, 1, QUICK, null).get(30, TimeUnit.SECONDS);

            assertThat(done.state()).isEqualTo(TaskState.SUCCESS);
            assertThat(tracker.pollRequests()).isGreaterThanOrEqualTo(4);
            assertThat(polls()).extracting(RecordedRequest::status).startsWith(503, 503);
        }
    }

    @Test
    void waitEndsAtTheTimeoutNamingTheTask() throws Exception {
        try (RunwareSimulator slow = RunwareSimulator.builder().port(0).renderTime(Duration.ofHours(1)).build()
                .start()) {
            RunwareClient slowClient = clients.client(slow.baseUrl(), slow.apiKey(), SimulatorClients.QUICK_RETRIES);
            String uuid = submit(slowClient, 1, 1).get(0);
            WaitPolicy shortWait = new WaitPolicy(Duration.ZERO, Duration.ofMillis(50), 1.0, Duration.ofMillis(50),
                    Duration.ofMillis(400));
            try (VideoTaskTracker tracker = new VideoTaskTracker(slowClient, clients.scheduler(), true, 50)) {
                assertThat(failureOf(tracker.track(uuid, 1, shortWait, null)))
                        .isInstanceOfSatisfying(RunwareTimeoutException.class, e -> {
                            assertThat(e.taskUUID()).isEqualTo(uuid);
                            assertThat(e.code()).isEqualTo(RunwareTimeoutException.CLIENT_WAIT_TIMEOUT);
                            assertThat(e.getMessage()).contains(uuid).contains("PROCESSING");
                        });
                assertThat(tracker.inFlight()).isZero();
                assertThat(tracker.pollRequests()).isPositive();
            }
        }
    }

    @Test
    void closingFailsPendingWaitsAndCancellingForgetsOne() throws Exception {
        try (RunwareSimulator slow = RunwareSimulator.builder().port(0).renderTime(Duration.ofHours(1)).build()
                .start()) {
            RunwareClient slowClient = clients.client(slow.baseUrl(), slow.apiKey(), SimulatorClients.QUICK_RETRIES);
            List<String> uuids = submit(slowClient, 2, 1);
            VideoTaskTracker tracker = new VideoTaskTracker(slowClient, clients.scheduler(), true, 50);
            CompletableFuture<TaskStatus> kept = tracker.track(uuids.get(0), 1, QUICK, null);
            CompletableFuture<TaskStatus> cancelled = tracker.track(uuids.get(1), 1, QUICK, null);

            assertThat(tracker.track(uuids.get(0), 1, QUICK, null)).isSameAs(kept);
            cancelled.cancel(false);
            assertThat(tracker.inFlight()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> tracker.pollRequests() >= 2);

            tracker.close();

            assertThat(failureOf(kept)).isInstanceOf(CancellationException.class);
            assertThat(tracker.inFlight()).isZero();
            assertThat(failureOf(tracker.track(uuids.get(0), 1, QUICK, null)))
                    .isInstanceOf(CancellationException.class);
            long pollsAtClose = tracker.pollRequests();
            assertThat(slow.requests().apiRequests().stream().filter(r -> !r.tasks().isEmpty()
                                                                          && "getResponse".equals(
                                                                                  r.tasks().get(0).get("taskType")))
                    .allMatch(r -> r.tasks().size() == 1)).isTrue();
            assertThat(tracker.pollRequests()).isEqualTo(pollsAtClose);
        }
    }
}
