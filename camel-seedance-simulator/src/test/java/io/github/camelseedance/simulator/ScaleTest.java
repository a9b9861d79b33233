package io.github.camelseedance.simulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** 1,000 tasks in flight, submitted concurrently one per request: all handled, thread count bounded. */
class ScaleTest {

    static final int TASKS = 1_000;
    static final int CONCURRENT_REQUESTS = 100;

    @Test
    void thousandTasksInFlightWithBoundedThreads() throws Exception {
        try (RunwareSimulator sim = RunwareSimulator.builder().renderTime(Duration.ofMinutes(5))
                .syntheticVideos(1_000).httpThreads(16).build().start()) {
            List<String> uuids = new ArrayList<>();
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            Semaphore inFlight = new Semaphore(CONCURRENT_REQUESTS);
            for (int i = 0; i < TASKS; i++) {
                Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 1 + i % 4);
                uuids.add((String) task.get("taskUUID"));
                HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl()))
                        .header("Authorization", "Bearer " + sim.apiKey())
                        .POST(HttpRequest.BodyPublishers.ofString(TestApi.MAPPER.writeValueAsString(List.of(task))))
                        .build();
                inFlight.acquire();
                answers.add(TestApi.HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .thenApply(HttpResponse::statusCode).whenComplete((s, e) -> inFlight.release()));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();

            assertThat(answers).extracting(CompletableFuture::join).containsOnly(200);
            assertThat(sim.requests().billedTasks()).isEqualTo(TASKS);
            assertThat(uuids).allSatisfy(u -> assertThat(sim.task(u)).get()
                    .extracting(SimulatedTask::state).isEqualTo("processing"));
            assertThat(simulatorThreads()).isLessThanOrEqualTo(16 + 1 + 2);

            TestApi api = new TestApi(sim);
            assertThat(api.poll(uuids.subList(0, 100).toArray(String[]::new)).data()).as("one item per result")
                    .hasSize(25 * (1 + 2 + 3 + 4))
                    .allSatisfy(item -> assertThat(item).containsEntry("status", "processing"));

            sim.completeAll();

            int results = 0;
            for (int from = 0; from < TASKS; from += 100) {
                results += api.poll(uuids.subList(from, from + 100).toArray(String[]::new)).successes().size();
            }
            assertThat(results).isEqualTo(TASKS / 4 * (1 + 2 + 3 + 4));
            assertThat(simulatorThreads()).isLessThanOrEqualTo(16 + 1 + 2);
        }
    }

    private static long simulatorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(SimulatorThreads.PREFIX)).count();
    }
}
