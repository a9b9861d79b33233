package io.github.camelseedance.seedance.journal;

import java.time.Duration;

class MemoryTaskStoreTest extends TaskStoreContract {

    private CountingTaskStore last;

    @Override
    TaskStore create(Duration retention) {
        last = new CountingTaskStore(new MemoryTaskStore(retention, clock));
        return last;
    }

    @Override
    long work(TaskStore store) {
        return ((CountingTaskStore) store).operations();
    }
}
