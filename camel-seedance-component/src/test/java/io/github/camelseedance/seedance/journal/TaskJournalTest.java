package io.github.camelseedance.seedance.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TaskJournalTest {

    private static final Duration LEASE = Duration.ofSeconds(15);

    @TempDir
    Path folder;

    private final TestClock clock = new TestClock();
    private final List<FileTaskStore> stores = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(ServiceHelper::stopService);
    }

    private FileTaskStore store() {
        FileTaskStore store = new FileTaskStore(folder.resolve("tasks.dat"), Duration.ZERO, clock);
        ServiceHelper.startService(store);
        stores.add(store);
        return store;
    }

    private TaskJournal journal(TaskStore store) {
        return new TaskJournal(store, "instance-1", LEASE, clock);
    }

    private static TaskRecord task(int i) {
        return TaskRecord.of(String.format("00000000-0000-4000-8000-%012d", i), "p" + i + ".txt", 1, "MP4",
                "p" + i + ".txt", null, 0L);
    }

    @Test
    void aTaskEndedWithoutItsVideosKeepsWhyForItsWorkComingAgainWithinTheRetention() {
        TaskJournal journal = journal(new MemoryTaskStore(Duration.ofHours(1), clock));
        journal.record(task(1));
        journal.record(task(2));
        journal.record(task(3));
        journal.endWithoutVideos(task(1).taskUUID(), "x".repeat(1_000));
        journal.endWithoutVideos(task(2).taskUUID(), null);
        journal.remove(task(3).taskUUID());

        RuntimeException long1 = TaskJournal.cameAgain(journal.store().get(task(1).taskUUID()));
        assertThat(long1).isInstanceOf(TaskEndedException.class).hasMessageContaining("x".repeat(300) + "...")
                .hasMessageNotContaining("x".repeat(301));
        assertThat(TaskJournal.cameAgain(journal.store().get(task(2).taskUUID())))
                .isInstanceOf(TaskEndedException.class).hasMessageContaining("no reason was given");
        assertThat(TaskJournal.cameAgain(journal.store().get(task(3).taskUUID())))
                .isInstanceOf(TaskHandledElsewhereException.class).hasMessageContaining("delivered already");
        assertThat(journal.delivered(task(1).taskUUID()).count()).as("no longer in flight").isZero();
    }

    @Test
    void aRestartedJournalFindsTheTasksStillInFlight() {
        FileTaskStore store = store();
        TaskJournal journal = journal(store);
        for (int i = 0; i < 5; i++) {
            journal.record(task(i));
        }
        journal.remove(task(1).taskUUID());
        journal.remove(task(3).taskUUID());
        ServiceHelper.stopService(store);

        TaskJournal restarted = journal(store());

        assertThat(restarted.inFlight()).extracting(TaskRecord::taskUUID)
                .containsExactlyInAnyOrder(task(0).taskUUID(), task(2).taskUUID(), task(4).taskUUID());
        assertThat(restarted.get(task(2).taskUUID()).fileName()).isEqualTo("p2.txt");
        assertThat(restarted.get(task(1).taskUUID())).isNull();
    }

    @Test
    void removedTasksLeaveNothingSoTheJournalDoesNotGrow() throws Exception {
        FileTaskStore store = store();
        TaskJournal journal = journal(store);
        for (int round = 0; round < 100; round++) {
            journal.record(task(round));
            journal.remove(task(round).taskUUID());
        }

        assertThat(store.size()).isZero();
        assertThat(journal.inFlight()).isEmpty();
        ServiceHelper.stopService(store);
        store();
        assertThat(Files.size(folder.resolve("tasks.dat"))).isZero();
    }

    @Test
    void recordingCostsTheSameWithManyTasksInFlight() {
        FileTaskStore store = store();
        TaskJournal journal = journal(store);
        List<Long> bytesPerRecord = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long before = store.bytesWritten();
            journal.record(task(i));
            bytesPerRecord.add(store.bytesWritten() - before);
        }

        // only the digits of the growing numbers add up: an index of all tasks would write 2,000 UUIDs here
        assertThat(bytesPerRecord.get(1999)).isLessThan(bytesPerRecord.get(1) + 32);
        assertThat(store.size()).isEqualTo(2000);
    }
}
