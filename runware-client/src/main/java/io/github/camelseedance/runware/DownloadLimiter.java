package io.github.camelseedance.runware;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import com.sun.management.GcInfo;

/**
 * How many downloads run at once. A download holds a slot from its GET until its body is on disk (or failed); the
 * downloads beyond the limit wait, first come first served, and no thread waits with them.
 * <p>
 * A {@linkplain #fixed(int) fixed} limiter always allows its number. An {@linkplain #adaptive(int) adaptive} one
 * starts at {@value #ADAPTIVE_START} (or its cap, if lower) and looks at the bytes received in windows of
 * {@value #WINDOW_MILLIS} ms: when downloads were waiting for a slot during a window and the throughput rose by at
 * least a tenth over the window before the last increase, it allows half as many more (at most its cap); when an
 * increase brought no such gain over {@value #JUDGED_WINDOWS} windows (their mean) it steps back to the limit before
 * and holds it for a while, then probes again. It
 * halves its limit when a download failed in a way that says the server or the network is overloaded (no answer, a
 * timeout, HTTP 408, 429 or 5xx) and when the {@link Headroom} says heap or file handles run short.
 */
public final class DownloadLimiter {

    /** The cap of the limiter a client makes when it is given none. */
    public static final int DEFAULT_MAX = 32;
    /** Where an adaptive limiter starts. */
    public static final int ADAPTIVE_START = 4;
    /** The length of one measuring window of an adaptive limiter. */
    public static final long WINDOW_MILLIS = 250;
    /** The least throughput gain (a fraction) that makes an adaptive limiter keep growing. */
    static final double GAIN = 0.10;
    /**
     * The windows an increase is judged over before an adaptive limiter steps back: the throughput of one window
     * swings by a fifth or more on a busy host, so one window without a gain proves nothing. A gain in their mean
     * (or in the first) keeps it growing at once.
     */
    static final int JUDGED_WINDOWS = 2;
    /** The windows an adaptive limiter holds its limit after a step back or a decrease before probing again. */
    static final int HOLD_WINDOWS = 8;

    private final int max;
    private final boolean adaptive;
    private final Headroom headroom;
    private final LongSupplier clock;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private final AtomicLong windowBytes = new AtomicLong();
    /** The starts a thread runs now: a download ending at once starts the next from this loop, not deeper. */
    private final ThreadLocal<Deque<Runnable>> starting = new ThreadLocal<>();
    private volatile long windowStart;
    private int limit;
    private int active;
    private int peakActive;
    private boolean windowSaturated;
    private int windowOverloads;
    /** The limit before the last increase and the throughput measured at it; rate < 0: none measured. */
    private int baselineLimit;
    private double baselineRate = -1;
    private int holdWindows;
    /** The windows measured at the limit since the last increase, and the sum of their throughputs. */
    private int windowsJudged;
    private double ratesJudged;

    private DownloadLimiter(int start, int max, boolean adaptive, Headroom headroom, LongSupplier clock) {
        this.max = max;
        this.adaptive = adaptive;
        this.headroom = headroom;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
        this.limit = start;
        this.baselineLimit = start;
    }

    /**
     * @param  downloads                the downloads at once
     * @return                          a limiter that always allows that many
     * @throws IllegalArgumentException when {@code downloads} is below 1
     */
    public static DownloadLimiter fixed(int downloads) {
        return new DownloadLimiter(positive(downloads), downloads, false, Headroom.NONE, System::nanoTime);
    }

    /**
     * @param  max                      the cap
     * @return                          an adaptive limiter between 1 and {@code max}, starting at
     *                                  {@value #ADAPTIVE_START} (or {@code max}), watching this JVM's heap and file
     *                                  handles
     * @throws IllegalArgumentException when {@code max} is below 1
     */
    public static DownloadLimiter adaptive(int max) {
        return adaptive(Math.min(ADAPTIVE_START, positive(max)), max, Headroom.JVM);
    }

    /**
     * @param  start                    the first limit
     * @param  max                      the cap
     * @param  headroom                 what says when heap or file handles run short
     * @return                          an adaptive limiter between 1 and {@code max}
     * @throws IllegalArgumentException when {@code start} is not within 1..{@code max}
     */
    public static DownloadLimiter adaptive(int start, int max, Headroom headroom) {
        return adaptive(start, max, headroom, System::nanoTime);
    }

    /** An adaptive limiter on a clock of nanoseconds of its own (tests). */
    static DownloadLimiter adaptive(int start, int max, Headroom headroom, LongSupplier clock) {
        if (start < 1 || start > max) {
            throw new IllegalArgumentException("The first limit of adaptive downloads must be within 1.." + max
                                               + ", not " + start);
        }
        return new DownloadLimiter(start, max, true, headroom, clock);
    }

    private static int positive(int downloads) {
        if (downloads < 1) {
            throw new IllegalArgumentException("The number of downloads at once must be at least 1, not " + downloads);
        }
        return downloads;
    }

    /**
     * Runs a download once a slot is free: at once, or when an earlier download ends. The slot is held until the
     * future the download returns completes.
     *
     * @param  download the download, given its {@link Transfer} to report bytes and overloads to; it must not block
     * @return          the download's outcome
     */
    public <T> CompletableFuture<T> run(Function<Transfer, CompletableFuture<T>> download) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> start(download, result);
        boolean now;
        synchronized (this) {
            now = active < limit;
            if (now) {
                occupy();
            } else {
                waiting.add(start);
                windowSaturated = true;
            }
        }
        if (now) {
            runAll(new ArrayDeque<>(List.of(start)));
        }
        return result;
    }

    private <T> void start(Function<Transfer, CompletableFuture<T>> download, CompletableFuture<T> result) {
        Transfer transfer = new Transfer();
        CompletableFuture<T> outcome;
        try {
            outcome = download.apply(transfer);
        } catch (RuntimeException | Error e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((value, failure) -> {
            release(transfer);
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
    }

    private void occupy() {
        active++;
        peakActive = Math.max(peakActive, active);
    }

    private void release(Transfer transfer) {
        Deque<Runnable> starts;
        synchronized (this) {
            active--;
            if (transfer.overloaded) {
                windowOverloads++;
            }
            adaptIfWindowEnded();
            starts = startsAllowed();
        }
        runAll(starts);
    }

    /**
     * Runs the starts on this thread; when it is already running starts further up its stack (a download that ended at
     * once releasing its slot), hands them to that loop instead, so that a queue of downloads failing at once (a pool
     * shutting down) never runs one inside the other.
     */
    private void runAll(Deque<Runnable> starts) {
        Deque<Runnable> running = starting.get();
        if (running != null) {
            running.addAll(starts);
            return;
        }
        starting.set(starts);
        try {
            for (Runnable next = starts.poll(); next != null; next = starts.poll()) {
                next.run();
            }
        } finally {
            starting.remove();
        }
    }

    private void received(long bytes) {
        windowBytes.addAndGet(bytes);
        if (adaptive && clock.getAsLong() - windowStart >= TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS)) {
            Deque<Runnable> starts;
            synchronized (this) {
                adaptIfWindowEnded();
                starts = startsAllowed();
            }
            runAll(starts);
        }
    }

    /** The waiting downloads a raised limit lets start, taken from the queue (called holding the lock). */
    private Deque<Runnable> startsAllowed() {
        Deque<Runnable> starts = new ArrayDeque<>();
        while (active < limit && !waiting.isEmpty()) {
            starts.add(waiting.poll());
            occupy();
        }
        return starts;
    }

    /** Ends the window when it is long enough and moves the limit as it says (called holding the lock). */
    private void adaptIfWindowEnded() {
        long now = clock.getAsLong();
        long elapsed = now - windowStart;
        if (!adaptive || elapsed < TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS)) {
            return;
        }
        double rate = windowBytes.getAndSet(0) * 1e9 / elapsed;
        boolean saturated = windowSaturated;
        windowStart = now;
        windowSaturated = !waiting.isEmpty();
        int overloads = windowOverloads;
        windowOverloads = 0;
        if (overloads > 0 || headroom.runsShort()) {
            decrease();
        } else if (holdWindows > 0) {
            holdWindows--;
        } else if (saturated) {
            climb(rate);
        }
    }

    private void decrease() {
        limit = Math.max(1, limit / 2);
        baselineLimit = limit;
        baselineRate = -1;
        holdWindows = HOLD_WINDOWS;
        startJudging();
    }

    private void climb(double rate) {
        if (limit == baselineLimit || baselineRate < 0) {
            // the first measure at this limit: try more
            increase(rate);
            return;
        }
        windowsJudged++;
        ratesJudged += rate;
        double mean = ratesJudged / windowsJudged;
        if (mean >= baselineRate * (1 + GAIN)) {
            // the last increase paid: try more
            increase(mean);
        } else if (windowsJudged >= JUDGED_WINDOWS) {
            // the last increase bought nothing, over windows enough to tell it from noise: back to the limit before,
            // for a while
            limit = baselineLimit;
            baselineRate = Math.max(baselineRate, mean);
            holdWindows = HOLD_WINDOWS;
            startJudging();
        }
    }

    private void increase(double rate) {
        baselineLimit = limit;
        baselineRate = rate;
        limit = Math.min(max, limit + Math.max(1, limit / 2));
        startJudging();
    }

    /** Forgets the windows judged at the limit before (called holding the lock). */
    private void startJudging() {
        windowsJudged = 0;
        ratesJudged = 0;
    }

    /** @return the downloads allowed at once now */
    public synchronized int limit() {
        return limit;
    }

    /** @return the cap of the limit */
    public int max() {
        return max;
    }

    /** @return whether the limit adapts to the throughput */
    public boolean isAdaptive() {
        return adaptive;
    }

    /** @return the downloads running now */
    public synchronized int active() {
        return active;
    }

    /** @return the most downloads that ran at once so far */
    public synchronized int peakActive() {
        return peakActive;
    }

    /** @return the downloads waiting for a slot now */
    public synchronized int waiting() {
        return waiting.size();
    }

    @Override
    public synchronized String toString() {
        return "DownloadLimiter[" + (adaptive ? "adaptive, limit " + limit + " of at most " + max : "fixed " + max)
               + ", active " + active + ", waiting " + waiting.size() + "]";
    }

    /** One download's line to its limiter: the bytes it received, and whether it failed of an overload. */
    public final class Transfer {
        private volatile boolean overloaded;

        private Transfer() {
        }

        /** @param bytes body bytes just received */
        public void received(long bytes) {
            DownloadLimiter.this.received(bytes);
        }

        /** The download failed in a way that says the server or the network is overloaded. */
        public void overloaded() {
            overloaded = true;
        }
    }

    /** Says when the process runs short of what each download holds. */
    @FunctionalInterface
    public interface Headroom {

        /** Never short. */
        Headroom NONE = () -> false;

        /**
         * This JVM: short when the heap left after the latest collection is over 90 % of its maximum, or the open
         * file handles are over 90 % of the most the process may open.
         */
        Headroom JVM = () -> heapLeftAfterGc() > 0.9 || openFileHandles() > 0.9;

        /** @return whether heap or file handles run short now */
        boolean runsShort();

        /** @return the heap used after the latest collection, as a fraction of the most heap, 0 when unknown */
        static double heapLeftAfterGc() {
            long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
            GcInfo latest = null;
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                GcInfo info = bean instanceof com.sun.management.GarbageCollectorMXBean sun
                        ? sun.getLastGcInfo()
                        : null;
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
            if (latest == null || max <= 0) {
                return 0;
            }
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
                if (HEAP_POOLS.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            return used / (double) max;
        }

        /** @return the open file handles as a fraction of the most the process may open, 0 when unknown */
        static double openFileHandles() {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                   && unix.getMaxFileDescriptorCount() > 0
                           ? unix.getOpenFileDescriptorCount() / (double) unix.getMaxFileDescriptorCount()
                           : 0;
        }
    }

    /** The names of the heap's memory pools. */
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
}
