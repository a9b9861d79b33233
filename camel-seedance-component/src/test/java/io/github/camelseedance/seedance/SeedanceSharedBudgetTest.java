package io.github.camelseedance.seedance;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.seedance.journal.PostgresServer;
import io.github.camelseedance.simulator.RecordedRequest;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Camel Main JVMs on one PostgreSQL task store share a budget: sent at the same moment, exactly the tasks that fit
 * it are admitted, fleet-wide, and Runware (the simulator's journal) never hears of the refused ones; the ledger in the
 * database charges the admitted ones at their real cost.
 */
class SeedanceSharedBudgetTest {

    private static final int PROMPTS_PER_JVM = 5;
    /** 1 USD of 0.144 USD tasks: 6 fit (0.864), a 7th would not. */
    private static final int FITTING = 6;

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofSeconds(2))
            .syntheticVideos(1024)
            .seed(33L)
            .build();

    @TempDir
    Path work;

    @RegisterExtension
    final ChildJvms jvms = new ChildJvms();

    private final List<Process> processes = new ArrayList<>();

    @Test
    void twoJvmsOnOneStoreAdmitExactlyTheTasksThatFitTheirSharedBudget() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            List<String> prompts = new ArrayList<>();
            for (String instance : List.of("east", "west")) {
                List<String> own = IntStream.rangeClosed(1, PROMPTS_PER_JVM)
                        .mapToObj(i -> "A " + instance + "ern sky, take " + i).toList();
                prompts.addAll(own);
                start(instance, postgres.jdbcUrl(), own);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(work.resolve("east.ready"))
                                                               && Files.exists(work.resolve("west.ready")));
            Files.writeString(work.resolve("go"), "");
            for (Process process : processes) {
                assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
            }

            List<String> results = new ArrayList<>(Files.readAllLines(work.resolve("east.results")));
            results.addAll(Files.readAllLines(work.resolve("west.results")));
            assertThat(results).hasSize(prompts.size()).noneMatch(line -> line.startsWith("failed"));
            List<String> admitted = promptsOf(results, "admitted ");
            List<String> refused = promptsOf(results, "refused ");
            assertThat(admitted).hasSize(FITTING);
            assertThat(refused).hasSize(prompts.size() - FITTING);

            assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(FITTING);
            BigDecimal billed = BigDecimal.ZERO;
            for (String prompt : admitted) {
                String taskUUID = IdempotentTaskUUID.of(prompt);
                assertThat(SIMULATOR.requests().submissions(taskUUID)).as(prompt).isEqualTo(1);
                billed = billed.add(SIMULATOR.simulator().task(taskUUID).orElseThrow().cost());
            }
            for (String prompt : refused) {
                String taskUUID = IdempotentTaskUUID.of(prompt);
                assertThat(SIMULATOR.requests().all()).as("no request about the refused " + prompt)
                        .noneMatch(request -> mentions(request, taskUUID));
            }
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                    PreparedStatement statement = connection.prepareStatement(
                            "SELECT spent, reserved, tasks FROM seedance_task_budget WHERE account = ? AND period = ?")) {
                statement.setString(1, "fleet");
                statement.setString(2, YearMonth.now(ZoneOffset.UTC).toString());
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getBigDecimal("spent")).isEqualByComparingTo(billed);
                    assertThat(rows.getBigDecimal("reserved")).isEqualByComparingTo("0");
                    assertThat(rows.getLong("tasks")).isEqualTo(FITTING);
                }
            }
        }
    }

    private void start(String instance, String jdbcUrl, List<String> prompts) throws IOException {
        List<String> args = new ArrayList<>(List.of(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), jdbcUrl, instance,
                work.toString()));
        args.addAll(prompts);
        processes.add(jvms.start(SharedBudgetApp.class, "128m", work.resolve(instance + ".log"), args));
    }

    private static List<String> promptsOf(List<String> results, String verdict) {
        return results.stream().filter(line -> line.startsWith(verdict)).map(line -> line.substring(verdict.length()))
                .toList();
    }

    private static boolean mentions(RecordedRequest request, String taskUUID) {
        return request.tasks().stream().anyMatch(task -> taskUUID.equals(task.get("taskUUID")))
               || request.body() != null && request.body().contains(taskUUID)
               || request.path().contains(taskUUID);
    }
}
