package io.github.camelseedance.examples.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Measures this JVM while a workload runs: peak threads (the JVM's own peak count, and a 50 ms sampling of thread
 * names split into the route's threads), peak heap (the heap pools' peak usage, garbage included, and the largest heap
 * still used right after a collection, i.e. the live set), and process CPU time.
 */
final class ResourceProbe {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern JDK_THREAD = Pattern.compile("Thread-[0-9]+");
    private static final java.nio.file.Path STATUS = java.nio.file.Path.of("/proc/self/status");
    private static final ThreadGroup ROOT = root();

    private static ThreadGroup root() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }

    /**
     * The pools the seedance component starts, by the name Camel gives their threads ({@code Camel (ctx) thread #n -
     * <pool>}), plus the JDK HttpClient's selector, the JDK's {@code Thread-N} completion threads, the keep-alive thread
     * of the JDK's HttpURLConnection (the blocking downloads' connections) and, in webhook mode,
     * the Vert.x threads of the platform-http server that receives the webhooks. {@code null}: not the component's.
     */
    static String componentGroup(String name) {
        if (name.endsWith("- SeedanceScheduler")) {
            return "scheduler";
        }
        if (name.endsWith("- SeedanceWorker")) {
            return "worker";
        }
        if (name.endsWith("- SeedanceHttpIO")) {
            return "httpIO";
        }
        if (name.endsWith("- SeedanceHttp")) {
            return "http";
        }
        if (name.endsWith("- SeedanceDownload")) {
            return "download";
        }
        if (name.contains("Seedance")) {
            return "otherSeedance";
        }
        if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
            return "selector";
        }
        if (name.startsWith("HttpClient-")) {
            return "jdkHttpClientOther";
        }
        if (jdkAsyncThread(name)) {
            return "jdkAsync";
        }
        if (name.equals("Keep-Alive-Timer")) {
            // the JDK's keep-alive cache of the connections that blocking downloads read (HttpURLConnection)
            return "jdkKeepAlive";
        }
        if (vertxThread(name)) {
            return "vertx";
        }
        return null;
    }

    /** Threads the seedance component starts (see {@link #componentGroup}). */
    static boolean componentThread(String name) {
        return componentGroup(name) != null;
    }

    /** The Vert.x threads of the platform-http server that receives the webhooks (webhook mode only). */
    static boolean vertxThread(String name) {
        return name.startsWith("vert.x-") || name.startsWith("vertx-");
    }

    /**
     * Threads the JDK names {@code Thread-<n>}: among them the ones {@code HttpClient.sendAsync} starts per answer on
     * CompletableFuture's default executor when the common ForkJoinPool has parallelism 1. The component no longer
     * uses sendAsync (blocking sends on its own pools), so it should start none; they are still counted to show it.
     */
    static boolean jdkAsyncThread(String name) {
        return JDK_THREAD.matcher(name).matches();
    }

    /** Threads working for the route: every Camel pool thread plus HTTP client threads (ours or Apache's). */
    static boolean routeThread(String name) {
        return name.startsWith("Camel (") || name.startsWith("HttpClient-") || jdkAsyncThread(name) || vertxThread(name)
               || name.toLowerCase().contains("evictor")
               || name.toLowerCase().contains("httpclient");
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();
    private final AtomicLong liveAfterGc = new AtomicLong();
    private final AtomicLong gcCount = new AtomicLong();
    private final NotificationListener gcListener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (isHeapPool(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            long u = used;
            liveAfterGc.accumulateAndGet(u, Math::max);
            gcCount.incrementAndGet();
        }
    };
    private final long inFlightGcAtMillis = Long.getLong("bench.inFlightGcAtMs", 3500);
    private long inFlightHeap = -1;
    private long inFlightGcMicros;
    private volatile boolean running;
    private Thread sampler;
    private int idleThreads;
    private int peakRoute;
    private long startedBefore;
    private int peakJdkAsync;
    private int peakComponent;
    private final Map<String, Integer> peakComponentGroups = new java.util.TreeMap<>();
    private long peakSampledHeap;
    private long peakRss;
    private int peakSampledThreads;
    private String threadGroupsAtPeak = "";
    private long cpuStart;
    private long cpuEnd;
    private long gcTimeStart;
    private long gcTimeEnd;

    private Map<String, Long> cpuByThreadStart = Map.of();
    private Map<String, Long> cpuByThreadEnd = Map.of();

    void start() {
        cpuByThreadStart = cpuByThread();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(gcListener, null, null);
        }
        idleThreads = threads.getThreadCount();
        startedBefore = threads.getTotalStartedThreadCount();
        threads.resetPeakThreadCount();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        gcTimeStart = gcTime();
        cpuStart = os.getProcessCpuTime();
        running = true;
        sampler = new Thread(this::sample, "bench-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    void stop() throws InterruptedException {
        cpuEnd = os.getProcessCpuTime();
        cpuByThreadEnd = cpuByThread();
        gcTimeEnd = gcTime();
        running = false;
        sampler.join();
    }

    private void sample() {
        long began = System.nanoTime();
        Map<Thread, SampledThread> known = new HashMap<>();
        Thread[] live = new Thread[64];
        while (running) {
            if (inFlightHeap < 0 && System.nanoTime() - began >= inFlightGcAtMillis * 1_000_000L) {
                // one full collection while every task is in flight and none has finished: the heap it takes to
                // keep them waiting (the same single pause for every contender)
                inFlightGcMicros = ContenderMain.toMicros(java.time.Instant.now());
                System.gc();
                inFlightHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
            int all;
            while ((all = ROOT.enumerate(live, true)) == live.length) {
                live = new Thread[live.length * 2];
            }
            Map<Thread, SampledThread> seen = new HashMap<>(all * 2);
            int route = 0;
            int component = 0;
            int jdkAsync = 0;
            Map<String, Integer> componentGroups = new java.util.TreeMap<>();
            for (int i = 0; i < all; i++) {
                Thread thread = live[i];
                SampledThread sampled = known.get(thread);
                if (sampled == null || !sampled.name.equals(thread.getName())) {
                    sampled = new SampledThread(thread.getName());
                }
                seen.put(thread, sampled);
                if (sampled.route) {
                    route++;
                }
                if (sampled.jdkAsync) {
                    jdkAsync++;
                }
                if (sampled.group != null) {
                    component++;
                    componentGroups.merge(sampled.group, 1, Integer::sum);
                }
            }
            known = seen;
            java.util.Arrays.fill(live, 0, all, null);
            if (all > peakSampledThreads) {
                peakSampledThreads = all;
                Map<String, Integer> groups = new java.util.TreeMap<>();
                known.values().forEach(t -> groups.merge(t.shape, 1, Integer::sum));
                threadGroupsAtPeak = groups.toString();
            }
            peakRoute = Math.max(peakRoute, route);
            peakJdkAsync = Math.max(peakJdkAsync, jdkAsync);
            peakComponent = Math.max(peakComponent, component);
            componentGroups.forEach((g, c) -> peakComponentGroups.merge(g, c, Math::max));
            peakSampledHeap = Math.max(peakSampledHeap,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            peakRss = Math.max(peakRss, residentBytes());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * A live thread as the sampling counts it, classified once per thread and name (the sampler costs the JVM it
     * measures as little as it can: no thread dump, no regular expression compiled per thread and sample).
     */
    private static final class SampledThread {
        private final String name;
        private final String shape;
        private final boolean route;
        private final boolean jdkAsync;
        private final String group;

        SampledThread(String name) {
            this.name = name;
            this.shape = DIGITS.matcher(name).replaceAll("#");
            this.route = routeThread(name);
            this.jdkAsync = jdkAsyncThread(name);
            this.group = componentGroup(name);
        }
    }

    /**
     * CPU time so far by thread, in nanoseconds, keyed by thread id: Java threads under their Java name (digits as
     * {@code #}) from ThreadMXBean, the JVM's own threads (JIT compilers, GC, VM thread) under their Linux name from
     * {@code /proc/self/task}.
     */
    private Map<String, Long> cpuByThread() {
        Map<String, Long> cpu = new java.util.HashMap<>();
        java.util.Set<String> javaNames = new java.util.HashSet<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    String name = info.getThreadName();
                    if (name.startsWith("Camel (") && name.contains(" - ")) {
                        name = "Camel " + name.substring(name.lastIndexOf(" - ") + 3); // the pool's name
                    }
                    cpu.put(info.getThreadId() + " " + DIGITS.matcher(name).replaceAll("#"), nanos);
                }
                javaNames.add(info.getThreadName().length() > 15
                        ? info.getThreadName().substring(0, 15)
                        : info.getThreadName());
            }
        }
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        for (java.io.File task : tasks == null ? new java.io.File[0] : tasks) {
            try {
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (javaNames.contains(comm) || comm.equals("java")) {
                    continue; // a Java thread (the main thread keeps the launcher's name): counted above
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                cpu.put("os" + task.getName() + " " + jvmGroup(comm), ticks * 10_000_000L); // USER_HZ 100
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return cpu;
    }

    /** The JVM's own threads by what they do. */
    static String jvmGroup(String comm) {
        if (comm.contains("CompilerThre")) {
            return "JVM: JIT compiler";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Periodic")) {
            return "JVM: GC";
        }
        return "JVM: " + DIGITS.matcher(comm).replaceAll("#");
    }

    /** CPU during the workload by thread group (name without the id), milliseconds, most first. */
    String cpuByThreadGroup() {
        Map<String, Long> groups = new java.util.HashMap<>();
        cpuByThreadEnd.forEach((key, end) -> {
            long delta = end - cpuByThreadStart.getOrDefault(key, 0L);
            if (delta > 0) {
                groups.merge(key.substring(key.indexOf(' ') + 1).replace(',', ';').replace('=', '-'), delta,
                        Long::sum);
            }
        });
        return groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + "=" + e.getValue() / 1_000_000).reduce((a, b) -> a + "," + b).orElse("");
    }

    /** The process's resident set (VmRSS of /proc/self/status), 0 where there is none. */
    private static long residentBytes() {
        try {
            String status = java.nio.file.Files.readString(STATUS);
            int at = status.indexOf("VmRSS:");
            if (at < 0) {
                return 0;
            }
            long kilobytes = 0;
            for (int i = at + "VmRSS:".length(); i < status.length() && status.charAt(i) != '\n'; i++) {
                char c = status.charAt(i);
                if (c >= '0' && c <= '9') {
                    kilobytes = kilobytes * 10 + (c - '0');
                }
            }
            return kilobytes * 1024;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private boolean isHeapPool(String name) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(name)) {
                return pool.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    private static long gcTime() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    Map<String, String> results() {
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                poolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("threadsIdle", Integer.toString(idleThreads));
        m.put("threadsPeakJvm", Integer.toString(threads.getPeakThreadCount()));
        m.put("threadsPeakRoute", Integer.toString(peakRoute));
        m.put("threadsPeakComponent", Integer.toString(peakComponent));
        m.put("threadsPeakComponentGroups", peakComponentGroups.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + "," + b).orElse(""));
        m.put("threadsPeakJdkAsync", Integer.toString(peakJdkAsync));
        m.put("threadsStarted", Long.toString(threads.getTotalStartedThreadCount() - startedBefore));
        m.put("commonPoolParallelism", Integer.toString(java.util.concurrent.ForkJoinPool.getCommonPoolParallelism()));
        m.put("threadGroupsAtPeak", threadGroupsAtPeak);
        m.put("heapPeakPoolsBytes", Long.toString(poolPeaks));
        m.put("heapInFlightBytes", Long.toString(inFlightHeap));
        m.put("heapInFlightMicros", Long.toString(inFlightGcMicros));
        m.put("heapPeakSampledBytes", Long.toString(peakSampledHeap));
        m.put("heapPeakLiveBytes", Long.toString(liveAfterGc.get()));
        m.put("rssPeakBytes", Long.toString(peakRss));
        m.put("cpuByThread", cpuByThreadGroup());
        m.put("gcCount", Long.toString(gcCount.get()));
        m.put("gcMillis", Long.toString(gcTimeEnd - gcTimeStart));
        m.put("cpuNanos", Long.toString(cpuEnd - cpuStart));
        m.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .reduce((a, b) -> a + ", " + b).orElse(""));
        return m;
    }
}
