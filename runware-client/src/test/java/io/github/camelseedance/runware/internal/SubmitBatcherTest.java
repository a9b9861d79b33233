package io.github.camelseedance.runware.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.camelseedance.runware.error.RunwareError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link SubmitBatcher} shares requests between submits: only what waits is batched, each task reads its own part
 * of the answer, and an answer that leaves a task out or refuses the request as too large changes the batching. The
 * sending function records each request's tasks and answers when the test says.
 */
class SubmitBatcherTest {

    private final List<Sent> sent = new ArrayList<>();

    private record Sent(List<String> taskUUIDs, Instant deadline,
                        CompletableFuture<AttemptOutcome<RunwareResponse>> answer) {
    }

    private SubmitBatcher batcher(int maxTasks, int maxRequests) {
        return new SubmitBatcher(maxTasks, maxRequests, (body, deadline) -> {
            List<Map<String, Object>> tasks;
            try {
                tasks = Json.mapper().readValue(body, new TypeReference<>() {
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CompletableFuture<AttemptOutcome<RunwareResponse>> answer = new CompletableFuture<>();
            sent.add(new Sent(tasks.stream().map(t -> (String) t.get("taskUUID")).toList(), deadline, answer));
            return answer;
        });
    }

    private static byte[] task(String uuid) {
        return ("{\"taskType\":\"videoInference\",\"taskUUID\":\"" + uuid + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static ResponseItem ack(String uuid) {
        return Json.mapper().convertValue(Map.of("taskType", "videoInference", "taskUUID", uuid), ResponseItem.class);
    }

    private static AttemptOutcome<RunwareResponse> answer(int status, List<ResponseItem> data,
                                                          List<RunwareError> errors) {
        return AttemptOutcome.done(new RunwareResponse(status, data, errors));
    }

    @Test
    void aLoneSubmitGoesAtOnceAndTheSubmitsThatWaitGoTogether() {
        SubmitBatcher batcher = batcher(50, 1);
        CompletableFuture<AttemptOutcome<RunwareResponse>> first = batcher.submit("a", task("a"), null);
        List<CompletableFuture<AttemptOutcome<RunwareResponse>>> waiting = new ArrayList<>();
        for (String uuid : List.of("b", "c", "d")) {
            waiting.add(batcher.submit(uuid, task(uuid), null));
        }
        assertThat(sent).extracting(Sent::taskUUIDs).containsExactly(List.of("a"));

        sent.get(0).answer.complete(answer(200, List.of(ack("a")), List.of()));

        assertThat(first.join().value().data()).extracting(ResponseItem::taskUUID).containsExactly("a");
        assertThat(sent).extracting(Sent::taskUUIDs).containsExactly(List.of("a"), List.of("b", "c", "d"));
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void aRequestCarriesAtMostMaxTasksAndEndsAtTheEarliestDeadline() {
        SubmitBatcher batcher = batcher(2, 1);
        Instant soon = Instant.now().plusSeconds(10);
        batcher.submit("a", task("a"), null);
        batcher.submit("b", task("b"), Instant.now().plusSeconds(60));
        batcher.submit("c", task("c"), soon);
        batcher.submit("d", task("d"), null);

        sent.get(0).answer.complete(answer(200, List.of(ack("a")), List.of()));
        sent.get(1).answer.complete(answer(200, List.of(ack("b"), ack("c")), List.of()));

        assertThat(sent).extracting(Sent::taskUUIDs).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
        assertThat(sent.get(1).deadline).isEqualTo(soon);
    }

    @Test
    void eachTaskReadsItsOwnPartOfASharedAnswer() {
        SubmitBatcher batcher = batcher(50, 1);
        batcher.submit("a", task("a"), null);
        CompletableFuture<AttemptOutcome<RunwareResponse>> good = batcher.submit("b", task("b"), null);
        CompletableFuture<AttemptOutcome<RunwareResponse>> bad = batcher.submit("c", task("c"), null);
        sent.get(0).answer.complete(answer(200, List.of(ack("a")), List.of()));

        sent.get(1).answer.complete(answer(400, List.of(ack("b")),
                List.of(RunwareError.of("modelNotFound", "no such model", "c"))));

        RunwareResponse accepted = good.join().value();
        assertThat(accepted.httpStatus()).isEqualTo(200);
        assertThat(accepted.errors()).isEmpty();
        assertThat(good.join().failure()).isNull();
        RunwareResponse refused = bad.join().value();
        assertThat(refused.httpStatus()).isEqualTo(400);
        assertThat(refused.data()).isEmpty();
        assertThat(refused.errors()).extracting(RunwareError::code).containsExactly("modelNotFound");
        assertThat(bad.join().failure()).isNotNull();
        assertThat(batcher.maxTasks()).isEqualTo(50);
    }

    @Test
    void anAnswerThatLeavesATaskOutTurnsBatchingOff() {
        SubmitBatcher batcher = batcher(50, 1);
        batcher.submit("a", task("a"), null);
        batcher.submit("b", task("b"), null);
        CompletableFuture<AttemptOutcome<RunwareResponse>> forgotten = batcher.submit("c", task("c"), null);
        sent.get(0).answer.complete(answer(200, List.of(ack("a")), List.of()));

        sent.get(1).answer.complete(answer(200, List.of(ack("b")), List.of()));

        assertThat(forgotten.join().value().data()).isEmpty();
        assertThat(forgotten.join().value().errors()).isEmpty();
        assertThat(batcher.maxTasks()).isEqualTo(1);
        batcher.submit("d", task("d"), null);
        batcher.submit("e", task("e"), null);
        batcher.submit("f", task("f"), null);
        sent.get(2).answer.complete(answer(200, List.of(ack("d")), List.of()));
        assertThat(sent).extracting(Sent::taskUUIDs).endsWith(List.of("d"), List.of("e"));
    }

    @Test
    void aRequestRefusedAsTooLargeHalvesTheBatch() {
        SubmitBatcher batcher = batcher(50, 1);
        batcher.submit("a", task("a"), null);
        for (int i = 0; i < 8; i++) {
            batcher.submit("t" + i, task("t" + i), null);
        }
        sent.get(0).answer.complete(answer(200, List.of(ack("a")), List.of()));

        sent.get(1).answer.complete(answer(400, List.of(),
                List.of(RunwareError.of("inferenceRateLimitRequestTooLarge", "too many tasks", null))));

        assertThat(batcher.maxTasks()).isEqualTo(4);
    }

    @Test
    void aTaskBiggerThanTheByteLimitGoesAlone() {
        SubmitBatcher batcher = batcher(50, 1);
        batcher.submit("a", task("a"), null);
        byte[] big = ("{\"taskType\":\"videoInference\",\"taskUUID\":\"big\",\"positivePrompt\":\""
                      + "x".repeat(SubmitBatcher.MAX_BATCH_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        batcher.submit("b", task("b"), null);
        batcher.submit("big", big, null);
        batcher.submit("c", task("c"), null);

        sent.get(0).answer.complete(answer(200, List.of(ack("a")), List.of()));
        sent.get(1).answer.complete(answer(200, List.of(ack("b")), List.of()));
        sent.get(2).answer.complete(answer(200, List.of(ack("big")), List.of()));

        assertThat(sent).extracting(Sent::taskUUIDs).containsExactly(List.of("a"), List.of("b"), List.of("big"),
                List.of("c"));
    }
}
