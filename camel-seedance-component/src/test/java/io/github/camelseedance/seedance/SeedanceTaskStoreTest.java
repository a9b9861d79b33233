package io.github.camelseedance.seedance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.seedance.journal.FileTaskStore;
import io.github.camelseedance.seedance.journal.JdbcTaskStore;
import io.github.camelseedance.seedance.journal.MemoryTaskStore;
import io.github.camelseedance.seedance.journal.TaskEndedException;
import io.github.camelseedance.seedance.journal.TaskHandledElsewhereException;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.seedance.journal.TaskStore;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The task store options: which store the component records its tasks in, under which instance name, for how long
 * leases and finished records last; and records that can never resume are dropped.
 */
class SeedanceTaskStoreTest {

    private static final String PROMPT = "Paper boats on a flooded street";

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(200))
            .syntheticVideos(512)
            .seed(5L)
            .build();

    @TempDir
    Path folder;

    private static CamelContext started(SeedanceComponent component) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addComponent("seedance", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate?idempotencyKey=${body}");
            }
        });
        context.start();
        return context;
    }

    private static SeedanceComponent component() {
        return SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
    }

    private static TaskStore store(CamelContext context) {
        return context.getComponent("seedance", SeedanceComponent.class).runtime().taskJournal().store();
    }

    private static String h2Url() {
        return "jdbc:h2:mem:seedance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** A component on a JDBC store that keeps finished records for an hour. */
    private static SeedanceComponent retaining() {
        SeedanceComponent component = component();
        component.setTaskStoreJdbcUrl(h2Url());
        component.setTaskRetention(Duration.ofHours(1).toMillis());
        return component;
    }

    /** A retaining component whose short leases adopt the tasks of a dead instance within a second. */
    private static SeedanceComponent survivor() {
        SeedanceComponent component = retaining();
        component.setInstanceId("survivor");
        component.setLeaseDuration(1_500);
        return component;
    }

    /** Records a task as an instance killed while it was in flight left it: its lease ran out. */
    private static void leftByAKilledInstance(CamelContext context, TaskRecord task) {
        store(context).insert(task.leasedTo("killed-instance", System.currentTimeMillis() - 1));
    }

    private static Exchange generate(CamelContext context, String key) {
        return context.createProducerTemplate().request("direct:generate", e -> e.getMessage().setBody(key));
    }

    @Test
    void recordsOfTasksWhoseSubmitNeverReachedRunwareAreDroppedOnceRunwareAnswersNotFound() throws Exception {
        Path file = folder.resolve("tasks.dat");
        String neverSubmitted = IdempotentTaskUUID.of("lost-before-submit");
        FileTaskStore before = new FileTaskStore(file);
        ServiceHelper.startService(before);
        // what a kill between recording the task and sending its submit leaves
        before.insert(TaskRecord.of(neverSubmitted, "lost-before-submit", 1, "MP4", "lost.txt", null,
                System.currentTimeMillis()).leasedTo("killed-instance", System.currentTimeMillis() + 60_000));
        ServiceHelper.stopService(before);

        SeedanceComponent component = component();
        component.setTaskStoreFile(file.toString());
        try (CamelContext context = started(component)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> store(context).size() == 0);
        }

        assertThat(SIMULATOR.requests().tasks("getResponse"))
                .anyMatch(task -> neverSubmitted.equals(task.get("taskUUID")));
        assertThat(SIMULATOR.requests().submissions(neverSubmitted)).isZero();
        FileTaskStore after = new FileTaskStore(file);
        ServiceHelper.startService(after);
        assertThat(after.size()).as("not resumed again at the next start").isZero();
        ServiceHelper.stopService(after);
    }

    @Test
    void aTaskWhoseSubmitNeverReachedRunwareIsForgottenNotFinishedSoItsWorkComingAgainIsSubmitted() throws Exception {
        String key = "adopted-before-submit";
        String neverSubmitted = IdempotentTaskUUID.of(key);
        try (CamelContext context = started(survivor())) {
            // killed between recording the task and sending its submit
            leftByAKilledInstance(context,
                    TaskRecord.of(neverSubmitted, key, 1, "MP4", "adopted.txt", null, System.currentTimeMillis()));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store(context).get(neverSubmitted))
                    .as("adopted, found unknown to Runware, and deleted: not kept as delivered for the retention")
                    .isNull());
            assertThat(SIMULATOR.requests().tasks("getResponse"))
                    .anyMatch(task -> neverSubmitted.equals(task.get("taskUUID")));
            assertThat(SIMULATOR.requests().submissions(neverSubmitted)).isZero();

            Exchange again = generate(context, key);

            assertThat(again.getException()).as("its work, redelivered, is not taken for delivered").isNull();
            assertThat(again.getMessage().getHeader(SeedanceConstants.VIDEO_URL, String.class)).isNotBlank();
            assertThat(SIMULATOR.requests().submissions(neverSubmitted)).isEqualTo(1);
            assertThat(store(context).get(neverSubmitted).finished()).isTrue();
        }
    }

    @Test
    void aSubmitRunwareRefusedIsForgottenNotFinishedSoItsWorkComingAgainIsSubmitted() throws Exception {
        String key = "refused-then-mended";
        try (CamelContext context = started(retaining())) {
            Exchange refused = context.createProducerTemplate().request("direct:generate", e -> {
                e.getMessage().setBody(key);
                e.getMessage().setHeader(SeedanceConstants.FIRST_FRAME_IMAGE, UUID.randomUUID().toString());
            });
            assertThat(refused.getException()).as("an image UUID Runware does not know").isNotNull();
            assertThat(store(context).get(IdempotentTaskUUID.of(key))).isNull();

            Exchange again = generate(context, key);

            assertThat(again.getException()).as("the same work, mended, is not taken for delivered").isNull();
            assertThat(store(context).get(IdempotentTaskUUID.of(key)).finished()).isTrue();
            assertThat(SIMULATOR.requests().submissions(IdempotentTaskUUID.of(key))).as("refused, then accepted")
                    .isEqualTo(2);
        }
    }

    @Test
    void workThatComesAgainAfterItsTaskFailedAtRunwareFailsAgainNamingWhyAndIsNotTakenForDelivered() throws Exception {
        String key = "failed-at-runware";
        try (CamelContext context = started(retaining())) {
            SIMULATOR.faults().failNextTasks("contentPolicyViolation", 1);
            Exchange failed = generate(context, key);
            assertThat(failed.getException()).isNotNull().hasMessageContaining("contentPolicyViolation");

            Exchange again = generate(context, key);

            assertThat(again.getException()).as("not swallowed by onException(TaskHandledElsewhereException)")
                    .isInstanceOf(TaskEndedException.class).isNotInstanceOf(TaskHandledElsewhereException.class)
                    .hasMessageContaining("ended without its videos").hasMessageContaining("contentPolicyViolation");
            assertThat(((TaskEndedException) again.getException()).getTaskUUID()).isEqualTo(IdempotentTaskUUID.of(key));
            assertThat(SIMULATOR.requests().submissions(IdempotentTaskUUID.of(key))).as("not run again").isEqualTo(1);
        } finally {
            SIMULATOR.faults().clear();
        }
    }

    @Test
    void workThatComesAgainAfterRunwareForgotItsTaskFailsNamingTheLoss() throws Exception {
        String key = "expired-at-runware";
        String forgotten = IdempotentTaskUUID.of(key);
        try (CamelContext context = started(survivor())) {
            // an acknowledged task, which Runware no longer knows when it is adopted
            leftByAKilledInstance(context,
                    TaskRecord.of(forgotten, key, 1, "MP4", "expired.txt", null, System.currentTimeMillis())
                            .acknowledge());
            await().atMost(Duration.ofSeconds(10)).until(() -> store(context).get(forgotten).finished());

            Exchange again = generate(context, key);

            assertThat(again.getException()).isInstanceOf(TaskEndedException.class)
                    .hasMessageContaining("no longer knew it").hasMessageContaining("survivor");
            assertThat(SIMULATOR.requests().submissions(forgotten)).isZero();
        }
    }

    @Test
    void theDefaultStoreIsInMemoryAndTheInstanceIdOwnsTheLeases() throws Exception {
        SeedanceComponent component = component();
        component.setInstanceId("render-7");
        component.setLeaseDuration(60_000);
        try (CamelContext context = started(component)) {
            TaskJournal journal = component.runtime().taskJournal();
            assertThat(journal.store()).isInstanceOf(MemoryTaskStore.class);
            journal.record(TaskRecord.of(IdempotentTaskUUID.of("held"), "held", 1, null, null, null, 0));

            TaskRecord held = journal.get(IdempotentTaskUUID.of("held"));
            assertThat(held.owner()).isEqualTo("render-7");
            assertThat(held.leaseUntil() - System.currentTimeMillis()).isBetween(55_000L, 60_000L);
        }
    }

    @Test
    void aLeaseDurationTooShortToRenewIsRefusedNamingTheOption() {
        SeedanceComponent component = component();
        component.setLeaseDuration(20);

        assertThatThrownBy(() -> started(component)).hasStackTraceContaining("leaseDuration")
                .hasStackTraceContaining("20 ms");
    }

    @Test
    void aJdbcUrlGivesAJdbcStoreInTheNamedTableAndFinishedTasksStayForTheRetention() throws Exception {
        SeedanceComponent component = component();
        component.setTaskStoreJdbcUrl(h2Url());
        component.setTaskStoreTable("video_tasks");
        component.setTaskRetention(Duration.ofHours(1).toMillis());
        try (CamelContext context = started(component)) {
            assertThat(store(context)).isInstanceOf(JdbcTaskStore.class);
            assertThat(((JdbcTaskStore) store(context)).getTable()).isEqualTo("video_tasks");

            context.createProducerTemplate().requestBody("direct:generate", PROMPT);

            TaskRecord finished = store(context).get(IdempotentTaskUUID.of(PROMPT));
            assertThat(finished.finished()).isTrue();
            assertThat(finished.acknowledged()).isTrue();
            assertThat(finished.idempotencyKey()).isEqualTo(PROMPT);
            int downloads = SIMULATOR.requests().mediaDownloads();

            Exchange again = generate(context, PROMPT);
            assertThat(again.getException()).as("the same work, delivered already within the retention")
                    .isInstanceOf(TaskHandledElsewhereException.class).hasMessageContaining("delivered already");
            assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(downloads);
            assertThat(SIMULATOR.requests().submissions(IdempotentTaskUUID.of(PROMPT))).isEqualTo(1);
        }
    }

    @Test
    void aDataSourceInTheRegistryIsAutowired() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(h2Url());
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("videosDb", h2);
        context.addComponent("seedance", component());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate");
            }
        });
        try (context) {
            context.start();

            assertThat(store(context)).isInstanceOf(JdbcTaskStore.class);
            assertThat(context.getComponent("seedance", SeedanceComponent.class).getTaskStoreDataSource())
                    .isSameAs(h2);
            context.createProducerTemplate().requestBody("direct:generate", PROMPT);
            assertThat(store(context).size()).isZero();
        }
    }

    @Test
    void withoutSchemaCreationAMissingTableIsReportedNamingItAndTheScript() {
        SeedanceComponent component = component();
        component.setTaskStoreJdbcUrl(h2Url());
        component.setTaskStoreCreateSchema(false);

        assertThatThrownBy(() -> started(component)).hasStackTraceContaining("seedance_task")
                .hasStackTraceContaining(JdbcTaskStore.SCHEMA_SCRIPT);
    }

    @Test
    void aTaskStoreBeanIsUsedAsItIs() throws Exception {
        MemoryTaskStore shared = new MemoryTaskStore();
        SeedanceComponent component = component();
        component.setTaskStore(shared);
        try (CamelContext context = started(component)) {
            assertThat(store(context)).isSameAs(shared);
        }
    }
}
