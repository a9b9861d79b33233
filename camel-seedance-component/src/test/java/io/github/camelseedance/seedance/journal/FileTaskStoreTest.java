package io.github.camelseedance.seedance.journal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileTaskStoreTest extends TaskStoreContract {

    @TempDir
    Path folder;

    Path file() {
        return folder.resolve("tasks.dat");
    }

    @Override
    TaskStore create(Duration retention) {
        return new FileTaskStore(file(), retention, clock);
    }

    @Override
    long work(TaskStore store) {
        return ((FileTaskStore) store).bytesWritten();
    }

    @Override
    void checkFootprint(TaskStore store, int inFlight) throws Exception {
        super.checkFootprint(store, inFlight);
        long oneRecord = Files.size(file()) / Math.max(1, Files.readAllLines(file()).size());
        // the log is rewritten once it holds more than max(1024, 2 x records) lines: never every task ever run
        assertThat(Files.readAllLines(file()).size()).isLessThanOrEqualTo(1025);
        close(store);
        TaskStore reopened = open(Duration.ZERO);
        assertThat(reopened.size()).isEqualTo(inFlight);
        assertThat(Files.readAllLines(file())).hasSize(inFlight);
        assertThat(Files.size(file())).isLessThanOrEqualTo(inFlight * oneRecord * 2);
    }

    @Test
    void aForgottenTaskIsNotFoundAgainAfterARestart() throws Exception {
        TaskStore store = open(Duration.ofMinutes(10));
        store.insert(task(1).leasedTo("before", clock.millis() + LEASE.toMillis()));
        store.insert(task(2).leasedTo("before", clock.millis() + LEASE.toMillis()));
        assertThat(store.forget(store.get(uuid(1)))).isTrue();
        close(store);

        TaskStore restarted = open(Duration.ofMinutes(10));

        assertThat(restarted.get(uuid(1))).isNull();
        assertThat(restarted.get(uuid(2))).isNotNull();
        assertThat(restarted.size()).isEqualTo(1);
    }

    @Test
    void aRestartedStoreFindsTheTasksStillInFlightUpForAdoption() throws Exception {
        TaskStore store = open(Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            store.insert(task(i).leasedTo("before", clock.millis() + LEASE.toMillis()));
        }
        store.finish(uuid(1));
        store.finish(uuid(3));
        close(store);

        TaskStore restarted = open(Duration.ZERO);

        assertThat(restarted.size()).isEqualTo(3);
        assertThat(restarted.get(uuid(2)).idempotencyKey()).isEqualTo("prompt-2.txt");
        assertThat(restarted.get(uuid(1))).isNull();
        assertThat(restarted.adopt("after", clock.millis(), clock.millis() + LEASE.toMillis(), 100))
                .as("the process that held them is gone").hasSize(3);
    }

    @Test
    void aTornLastLineIsSkippedAndLoggedNamingTheFileAndLine() throws Exception {
        TaskStore store = open(Duration.ZERO);
        store.insert(task(1).leasedTo("a", clock.millis()));
        store.insert(task(2).leasedTo("a", clock.millis()));
        close(store);
        String complete = Files.readString(file());
        String torn = complete.lines().skip(1).findFirst().orElseThrow();
        // a SIGKILL between two writes: the third record's line is cut short, with no end of line
        Files.writeString(file(), torn.substring(0, torn.length() / 2), StandardOpenOption.APPEND);

        try (LogCapture log = LogCapture.of(FileTaskStore.class)) {
            FileTaskStore restarted = (FileTaskStore) open(Duration.ZERO);

            assertThat(restarted.size()).isEqualTo(2);
            assertThat(restarted.recordsSkipped()).isEqualTo(1);
            assertThat(log.messages()).anyMatch(message -> message.contains(file().toString())
                                                           && message.contains("line 3"));
            restarted.insert(task(3).leasedTo("a", clock.millis()));
            close(restarted);
        }
        assertThat(Files.readAllLines(file())).hasSize(3);
        assertThat(((FileTaskStore) open(Duration.ZERO)).recordsSkipped()).isZero();
    }

    @Test
    void aDamagedLineIsToldApartByItsChecksum() throws Exception {
        TaskStore store = open(Duration.ZERO);
        store.insert(task(1).leasedTo("a", clock.millis()));
        store.insert(task(2).leasedTo("a", clock.millis()));
        close(store);
        String content = Files.readString(file(), StandardCharsets.UTF_8);
        Files.writeString(file(), content.replaceFirst("prompt-1", "prompt-9"));

        try (LogCapture log = LogCapture.of(FileTaskStore.class)) {
            FileTaskStore restarted = (FileTaskStore) open(Duration.ZERO);

            assertThat(restarted.get(uuid(1))).isNull();
            assertThat(restarted.get(uuid(2))).isNotNull();
            assertThat(log.messages()).anyMatch(message -> message.contains("line 1") && message.contains("checksum"));
        }
    }

    @Test
    void aSecondUserOfTheFileIsRefusedNamingIt() throws Exception {
        open(Duration.ZERO);
        FileTaskStore second = new FileTaskStore(file(), Duration.ZERO, clock);

        assertThatThrownBy(() -> ServiceHelper.startService(second))
                .hasMessageContaining(file().toString()).hasMessageContaining("in use");
    }
}
