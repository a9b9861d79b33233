package io.github.camelseedance.runware;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Chooses, per download to a file, between a blocking read on a thread of its own and the HTTP client's reading. A
 * blocking read holds its thread for the whole transfer but takes less than half the CPU per byte; the HTTP client
 * holds no thread while a body arrives, so any number can run at once.
 * <p>
 * A download that finds one of the {@linkplain #threads() blocking threads} free takes it. One that finds them all
 * busy waits for one while the host's CPUs are busy (a load of at least {@value #BUSY_CPU_LOAD}): more transfers at
 * once would only share the same CPUs, at twice the CPU per byte. While the CPUs have room (or their load is unknown),
 * the waiting downloads, and those that come while it has, are handed to the HTTP client at once: the transfers then
 * wait on the network, and more of them at once bring more throughput. The load is sampled every
 * {@value #SAMPLE_MILLIS} ms while every blocking thread is busy, and not otherwise; the first sample after a pause
 * only starts a new measure, so a download finding them all busy then waits up to that long for the first verdict.
 * <p>
 * Neither a blocking thread's own CPU share nor its transfer rate tells the two cases apart: measured on loopback, a
 * CPU-bound reader spends under half its wall time on its CPU (the kernel and the sender do the rest) and moves 130 to
 * 320 MB/s, as a fast network would. The host's load does. It comes from
 * {@link com.sun.management.OperatingSystemMXBean#getCpuLoad()}, which measures since its previous call by anyone in
 * the JVM: a metrics scrape just before a sample shortens that sample's window, at worst one wrong choice for the
 * downloads waiting at that moment.
 * <p>
 * One instance may be shared by several clients, as a {@link DownloadLimiter} is; the downloads it gets already hold a
 * slot of their limiter.
 */
public final class BlockingDownloads {

    /** The host CPU load (0 to 1) at and above which waiting downloads wait for a blocking thread. */
    public static final double BUSY_CPU_LOAD = 0.8;
    /** How often the load is sampled while every blocking thread is busy. */
    public static final long SAMPLE_MILLIS = 100;

    private final int threads;
    private final ScheduledExecutorService scheduler;
    private final DoubleSupplier cpuLoad;
    private final Deque<Waiter<?>> waiting = new ArrayDeque<>();
    private int free;
    /** Samples the load while every blocking thread is busy; {@code null} while one is free. */
    private ScheduledFuture<?> sampler;
    /** Whether the last sample since the sampler started found room; {@code null} before its first sample. */
    private Boolean room;
    private long blockingReads;
    private long handedOver;

    /**
     * @param  threads                  the most blocking reads at once: fewer than the threads of the download
     *                                  executor, which must keep one to send and complete the downloads handed to the
     *                                  HTTP client
     * @param  scheduler                runs the load samples
     * @throws IllegalArgumentException when {@code threads} is below 1
     */
    public BlockingDownloads(int threads, ScheduledExecutorService scheduler) {
        this(threads, scheduler, hostCpuLoad());
    }

    /**
     * @param cpuLoad the host CPU load from 0 to 1, negative or NaN when unknown (tests inject one)
     */
    BlockingDownloads(int threads, ScheduledExecutorService scheduler, DoubleSupplier cpuLoad) {
        if (threads < 1) {
            throw new IllegalArgumentException("The number of blocking download threads must be at least 1, not "
                                               + threads);
        }
        this.threads = threads;
        this.free = threads;
        this.scheduler = scheduler;
        this.cpuLoad = cpuLoad;
    }

    private static DoubleSupplier hostCpuLoad() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os::getCpuLoad;
        }
        return () -> Double.NaN;
    }

    /**
     * Runs one download attempt: by blocking reads when a blocking thread is free or becomes free while the CPUs are
     * busy, else through the HTTP client. The blocking thread is held until the attempt's future completes.
     *
     * @param  blocking  starts the attempt by blocking reads
     * @param  viaClient starts the attempt through the HTTP client
     * @return           the attempt's outcome
     */
    public <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> blocking,
                                        Supplier<CompletableFuture<T>> viaClient) {
        Waiter<T> waiter = new Waiter<>(blocking, viaClient);
        Runnable start;
        synchronized (this) {
            if (free > 0) {
                free--;
                blockingReads++;
                start = waiter::startBlocking;
                if (free == 0) {
                    startSampler();
                }
            } else if (Boolean.TRUE.equals(room)) {
                handedOver++;
                start = waiter::handOver;
            } else {
                waiting.add(waiter);
                start = startSampler() ? null : handOverAll();
            }
        }
        if (start != null) {
            start.run();
        }
        return waiter.result;
    }

    /** @return whether the sampler runs (false when the scheduler refused it: waiting downloads then go on at once) */
    private boolean startSampler() {
        if (sampler != null) {
            return true;
        }
        cpuLoad.getAsDouble(); // starts a new measure: what it gives covers the pause
        try {
            sampler = scheduler.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void sample() {
        double load = cpuLoad.getAsDouble();
        Runnable start;
        synchronized (this) {
            if (sampler == null) {
                return; // stopped while this sample was taken
            }
            room = !(load >= BUSY_CPU_LOAD);
            start = room && !waiting.isEmpty() ? handOverAll() : null;
        }
        if (start != null) {
            start.run();
        }
    }

    /** @return what hands every waiting download to the HTTP client, to run outside the lock */
    private Runnable handOverAll() {
        Waiter<?>[] all = waiting.toArray(Waiter[]::new);
        waiting.clear();
        handedOver += all.length;
        return () -> {
            for (Waiter<?> waiter : all) {
                waiter.handOver();
            }
        };
    }

    private void stopSampler() {
        if (sampler != null) {
            sampler.cancel(false);
            sampler = null;
        }
        room = null;
    }

    private void release() {
        Waiter<?> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                free++;
                stopSampler();
                return;
            }
            blockingReads++;
        }
        next.startBlocking();
    }

    /** @return the most blocking reads at once */
    public int threads() {
        return threads;
    }

    /** @return the download attempts read by blocking reads so far */
    public synchronized long blockingReads() {
        return blockingReads;
    }

    /** @return the download attempts handed to the HTTP client so far, because the CPUs had room */
    public synchronized long handedOver() {
        return handedOver;
    }

    /** @return the blocking reads running now */
    public synchronized int active() {
        return threads - free;
    }

    /** @return the downloads waiting for a blocking thread now */
    public synchronized int waiting() {
        return waiting.size();
    }

    private final class Waiter<T> {
        private final Supplier<CompletableFuture<T>> blocking;
        private final Supplier<CompletableFuture<T>> viaClient;
        private final CompletableFuture<T> result = new CompletableFuture<>();

        Waiter(Supplier<CompletableFuture<T>> blocking, Supplier<CompletableFuture<T>> viaClient) {
            this.blocking = blocking;
            this.viaClient = viaClient;
        }

        void startBlocking() {
            start(blocking).whenComplete((value, error) -> {
                release();
                complete(value, error);
            });
        }

        void handOver() {
            start(viaClient).whenComplete(this::complete);
        }

        private CompletableFuture<T> start(Supplier<CompletableFuture<T>> attempt) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private void complete(T value, Throwable error) {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        }
    }
}
