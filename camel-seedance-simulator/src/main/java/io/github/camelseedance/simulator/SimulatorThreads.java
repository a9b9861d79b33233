package io.github.camelseedance.simulator;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the simulator's threads {@code runware-sim-<role>-<n>} (daemon threads) so they can be told apart. */
final class SimulatorThreads implements ThreadFactory {

    /** Prefix of every thread the simulator's own pools start. */
    static final String PREFIX = "runware-sim-";

    private final String role;
    private final AtomicInteger counter = new AtomicInteger();

    SimulatorThreads(String role) {
        this.role = role;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, PREFIX + role + "-" + counter.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
