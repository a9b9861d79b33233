package io.github.camelseedance.seedance.journal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link TaskStore} does, run against each of them: compare-and-set records, leases that expire and are
 * adopted once, finished tasks removed or kept for the retention, and a size that follows the tasks in flight over
 * 20,000 tasks with the same work per task throughout.
 */
abstract class TaskStoreContract {

    static final Duration LEASE = Duration.ofSeconds(15);

    final TestClock clock = new TestClock();
    private final List<TaskStore> opened = new ArrayList<>();

    /** A store on the same data as the previous one opened by this test (a restart), or a fresh one. */
    abstract TaskStore create(Duration retention) throws Exception;

    /** The work the store did so far, in a unit that grows with what it reads and writes (bytes, statements). */
    abstract long work(TaskStore store);

    TaskStore open(Duration retention) throws Exception {
        TaskStore store = create(retention);
        ServiceHelper.startService(store);
        opened.add(store);
        return store;
    }

    void close(TaskStore store) {
        ServiceHelper.stopService(store);
        opened.remove(store);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(ServiceHelper::stopService);
    }

    static String uuid(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    static TaskRecord task(int i) {
        return TaskRecord.of(uuid(i), "prompt-" + i + ".txt", 1, "MP4", "prompt-" + i + ".txt",
                "bytedance:seedance@2.0-mini", 1_700_000_000_000L);
    }

    static TaskStatus success(String taskUUID) {
        return new TaskStatus(taskUUID, TaskState.SUCCESS, null, List.of(new VideoItem(taskUUID, null,
                "video-" + taskUUID, java.net.URI.create("http://127.0.0.1/video.mp4"), null, null, null)), List.of(),
                null);
    }

    @Test
    void aTaskIsRecordedOnceAndChangedByCompareAndSet() throws Exception {
        TaskStore store = open(Duration.ZERO);

        assertThat(store.insert(task(1).leasedTo("a", clock.millis() + 1000))).isTrue();
        assertThat(store.insert(task(1).leasedTo("b", clock.millis() + 1000))).isFalse();
        TaskRecord stored = store.get(uuid(1));
        assertThat(stored.owner()).isEqualTo("a");
        assertThat(stored.idempotencyKey()).isEqualTo("prompt-1.txt");
        assertThat(stored.model()).isEqualTo("bytedance:seedance@2.0-mini");

        assertThat(store.update(stored.acknowledge())).isTrue();
        assertThat(store.update(stored.waitedBy("b"))).as("based on an old copy").isFalse();
        TaskRecord acknowledged = store.get(uuid(1));
        assertThat(acknowledged.acknowledged()).isTrue();
        assertThat(store.update(acknowledged.withDelivered(List.of("v1")).withReceived("{\"data\":[]}"))).isTrue();
        assertThat(store.get(uuid(1)).delivered()).containsExactly("v1");
        assertThat(store.get(uuid(1)).received()).containsExactly("{\"data\":[]}");

        store.finish(uuid(1));
        assertThat(store.get(uuid(1))).isNull();
        assertThat(store.size()).isZero();
        assertThat(store.update(acknowledged)).isFalse();
    }

    @Test
    void theTasksInFlightOfEveryInstanceAreListedOldestFirstWithTheirOwners() throws Exception {
        TaskStore store = open(Duration.ofMinutes(5));
        long until = clock.millis() + LEASE.toMillis();
        for (int i = 1; i <= 4; i++) {
            TaskRecord task = TaskRecord.of(uuid(i), null, 1, null, null, "bytedance:seedance@2.0-mini",
                    1_700_000_000_000L - i);
            assertThat(store.insert(task.leasedTo(i % 2 == 0 ? "a" : "b", until))).isTrue();
        }
        store.finish(uuid(1));

        assertThat(store.inFlightCount()).isEqualTo(3);
        assertThat(store.size()).as("the finished one is kept for the retention").isEqualTo(4);
        List<TaskRecord> listed = store.inFlight(2);
        assertThat(listed).extracting(TaskRecord::taskUUID).containsExactly(uuid(4), uuid(3));
        assertThat(listed).extracting(TaskRecord::owner).containsExactly("a", "b");
        assertThat(store.renew("a", until)).as("listing changed no lease").hasSize(2);
        assertThat(store.get(uuid(4)).version()).isEqualTo(1);
    }

    @Test
    void finishedTasksAreKeptForTheRetentionThenRemoved() throws Exception {
        TaskStore store = open(Duration.ofMinutes(10));
        store.insert(task(1).leasedTo("a", clock.millis() + 1000));
        store.finish(uuid(1));

        TaskRecord kept = store.get(uuid(1));
        assertThat(kept.finished()).isTrue();
        assertThat(store.insert(task(1))).as("a finished task is still known").isFalse();
        assertThat(store.renew("a", clock.millis() + 1000)).isEmpty();

        clock.advance(Duration.ofMinutes(11));
        store.insert(task(2).leasedTo("a", clock.millis() + 1000));
        store.finish(uuid(2));
        store.renew("a", clock.millis() + 1000);

        assertThat(store.get(uuid(1))).isNull();
        assertThat(store.get(uuid(2)).finished()).isTrue();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aTaskThatNeverExistedIsForgottenWhateverTheRetentionByCompareAndSet() throws Exception {
        TaskStore store = open(Duration.ofMinutes(10));
        store.insert(task(1).leasedTo("a", clock.millis() + 1000));
        TaskRecord read = store.get(uuid(1));
        assertThat(store.update(read.waitedBy("b"))).isTrue();

        assertThat(store.forget(read)).as("based on an old copy").isFalse();
        assertThat(store.forget(store.get(uuid(1)))).isTrue();

        assertThat(store.get(uuid(1))).as("deleted, not kept as finished").isNull();
        assertThat(store.size()).isZero();
        assertThat(store.insert(task(1).leasedTo("b", clock.millis() + 1000))).as("its work, coming again").isTrue();
        store.finish(uuid(1));
        assertThat(store.forget(store.get(uuid(1)))).as("a finished task stays for the retention").isFalse();
        assertThat(store.get(uuid(1)).finished()).isTrue();
    }

    @Test
    void expiredLeasesAreAdoptedOnceAndTheFormerHolderCannotWrite() throws Exception {
        TaskStore store = open(Duration.ZERO);
        for (int i = 0; i < 10; i++) {
            store.insert(task(i).leasedTo("a", clock.millis() + LEASE.toMillis()));
        }
        TaskRecord seenByA = store.get(uuid(3));
        assertThat(store.renew("a", clock.millis() + LEASE.toMillis())).hasSize(10);
        assertThat(store.adopt("b", clock.millis(), clock.millis() + LEASE.toMillis(), 100)).isEmpty();

        clock.advance(LEASE.plusSeconds(1));
        List<TaskRecord> adopted = store.adopt("b", clock.millis(), clock.millis() + LEASE.toMillis(), 100);

        assertThat(adopted).hasSize(10).allMatch(task -> task.owner().equals("b"));
        assertThat(store.adopt("c", clock.millis(), clock.millis() + LEASE.toMillis(), 100)).isEmpty();
        assertThat(store.renew("a", clock.millis() + LEASE.toMillis())).isEmpty();
        assertThat(store.update(seenByA.acknowledge())).as("a paused holder writing its old copy").isFalse();
        assertThat(store.renew("b", clock.millis() + LEASE.toMillis())).hasSize(10);
    }

    @Test
    void aTaskAnotherInstanceWaitsForIsLeftToItForOneMoreLease() throws Exception {
        TaskStore store = open(Duration.ZERO);
        store.insert(task(1).leasedTo("a", clock.millis() + LEASE.toMillis()));
        store.update(store.get(uuid(1)).waitedBy("w"));

        clock.advance(LEASE.plusSeconds(1));
        assertThat(store.adopt("b", clock.millis(), clock.millis() + LEASE.toMillis(), 100)).isEmpty();
        assertThat(store.adopt("w", clock.millis(), clock.millis() + LEASE.toMillis(), 100)).hasSize(1)
                .allMatch(task -> task.waiter() == null);

        store.update(store.get(uuid(1)).waitedBy("w2"));
        clock.advance(LEASE.multipliedBy(2).plusSeconds(1));
        assertThat(store.adopt("b", clock.millis(), clock.millis() + LEASE.toMillis(), 100))
                .as("the waiter did not take it for a whole lease").hasSize(1);
    }

    @Test
    void instancesAdoptingAtOnceTakeDifferentTasks() throws Exception {
        TaskStore store = open(Duration.ZERO);
        for (int i = 0; i < 200; i++) {
            store.insert(task(i).leasedTo("dead", clock.millis() + 1000));
        }
        clock.advance(LEASE);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<TaskRecord>>> adopters = new ArrayList<>();
        for (String instance : List.of("a", "b", "c", "d")) {
            adopters.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                List<TaskRecord> mine = new ArrayList<>();
                List<TaskRecord> batch;
                do {
                    batch = store.adopt(instance, clock.millis(), clock.millis() + LEASE.toMillis(), 10);
                    mine.addAll(batch);
                } while (!batch.isEmpty());
                return mine;
            }));
        }
        start.countDown();

        Set<String> taken = new HashSet<>();
        int total = 0;
        for (CompletableFuture<List<TaskRecord>> adopter : adopters) {
            for (TaskRecord task : adopter.join()) {
                taken.add(task.taskUUID());
                total++;
            }
        }
        assertThat(total).isEqualTo(200);
        assertThat(taken).hasSize(200);
    }

    @Test
    void theStoreHoldsTheTasksInFlightNotEveryTaskEverRunAndEachTaskCostsTheSame() throws Exception {
        TaskStore store = open(Duration.ZERO);
        TaskJournal journal = new TaskJournal(store, "instance-1", LEASE, clock);
        int inFlight = 100;
        int tasks = 20_000;
        int chunk = tasks / 10;
        Deque<String> running = new ArrayDeque<>();
        List<Long> workPerChunk = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        long before = work(store);
        for (int i = 0; i < tasks; i++) {
            TaskRecord task = task(i);
            assertThat(journal.record(task)).isEqualTo(TaskJournal.Claim.RECORDED);
            journal.release(task.taskUUID());
            journal.acknowledged(task.taskUUID());
            running.add(task.taskUUID());
            if (running.size() > inFlight) {
                String done = running.poll();
                journal.markDelivered(done, success(done));
                journal.remove(done);
            }
            if ((i + 1) % chunk == 0) {
                long now = work(store);
                workPerChunk.add(now - before);
                before = now;
                sizes.add(store.size());
                journal.inFlight();
            }
        }

        assertThat(sizes).allMatch(size -> size == inFlight);
        assertThat(journal.inFlight()).hasSize(inFlight);
        // the first chunk pays for warming up; after it, the work per task stays flat
        long steady = workPerChunk.get(1);
        assertThat(workPerChunk.subList(1, workPerChunk.size()))
                .allMatch(work -> work <= steady * 1.1 + 64 && work >= steady * 0.9 - 64);
        checkFootprint(store, inFlight);
    }

    /** Checks what the store occupies with {@code inFlight} tasks in it after many ran through it. */
    void checkFootprint(TaskStore store, int inFlight) throws Exception {
        assertThat(store.size()).isEqualTo(inFlight);
    }
}
