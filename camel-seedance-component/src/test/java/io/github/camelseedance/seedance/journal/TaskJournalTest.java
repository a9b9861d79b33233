package io.github.camelseedance.seedance.journal;

import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskRecord;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskJournalTest {

    /** Counts the writes and the bytes written, to show that a change costs the same whatever is in flight. */
    private static final class CountingRepository extends MemoryStateRepository {
        int writes;
        long bytes;

        @Override
        public void setState(String key, String value) {
            writes++;
            bytes += key.length() + (value == null ? 0 : value.length());
            super.setState(key, value);
        }
    }

    private static TaskRecord task(int i) {
        return new TaskRecord(String.format("00000000-0000-4000-8000-%012d", i), 1, "MP4", "p" + i + ".txt",
                "p" + i + ".txt", 0L);
    }

    @Test
    void aRestartedJournalFindsTheTasksStillInFlight() {
        CountingRepository repository = new CountingRepository();
        TaskJournal journal = new TaskJournal(repository);
        for (int i = 0; i < 5; i++) {
            journal.record(task(i));
        }
        journal.remove(task(1).taskUUID());
        journal.remove(task(3).taskUUID());

        TaskJournal restarted = new TaskJournal(repository);

        assertThat(restarted.inFlight()).containsExactlyInAnyOrder(task(0), task(2), task(4));
        assertThat(restarted.get(task(2).taskUUID())).isEqualTo(task(2));
        assertThat(restarted.get(task(1).taskUUID())).isNull();
    }

    @Test
    void freedSlotsAreReusedSoTheJournalDoesNotGrow() {
        CountingRepository repository = new CountingRepository();
        TaskJournal journal = new TaskJournal(repository);
        for (int round = 0; round < 100; round++) {
            journal.record(task(round));
            journal.remove(task(round).taskUUID());
        }

        assertThat(repository.getState("camel-seedance.slots")).isEqualTo("1");
        assertThat(journal.inFlight()).isEmpty();
    }

    @Test
    void recordingCostsTheSameWithManyTasksInFlight() {
        CountingRepository repository = new CountingRepository();
        TaskJournal journal = new TaskJournal(repository);
        List<Long> bytesPerRecord = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long before = repository.bytes;
            journal.record(task(i));
            bytesPerRecord.add(repository.bytes - before);
        }

        // only the digits of the growing numbers add up: an index of all tasks would write 2,000 UUIDs here
        assertThat(bytesPerRecord.get(1999)).isLessThan(bytesPerRecord.get(1) + 32);
        assertThat(repository.writes).isLessThanOrEqualTo(2000 * 3);
    }
}
