package io.github.camelseedance.examples.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.github.camelseedance.simulator.RecordedRequest;
import io.github.camelseedance.simulator.RequestJournal;
import io.github.camelseedance.simulator.RunwareSimulator;
import io.github.camelseedance.simulator.SimulatedTask;

/**
 * Runs every workload against every contender, each contender in its own child JVM, with the Runware simulator in
 * this (the driver's) JVM so its threads, heap and CPU are never counted against a contender. Prints the table and
 * writes {@code docs/benchmarks.md} and {@code docs/benchmarks.png}.
 * <p>
 * Argument: the docs directory. System properties: {@code bench.workloads} (default
 * {@code 100,1000,5000,big,real}), {@code bench.repeats} (default {@code 100:3,1000:3,5000:3,big:3}), {@code bench.contenders}
 * (default all), {@code bench.childXmx} (256m), {@code bench.pollMs} (1000),
 * {@code bench.renderMs} (5000), {@code bench.spreadMs} (1000), {@code bench.baselineThreads} (200),
 * {@code bench.bigN} (50), {@code bench.bigBytes} (200 MB), {@code bench.smallBytes} (1 MB).
 */
public final class BenchmarkDriver {

    static final String WEBHOOK = ContenderMain.COMPONENT_WEBHOOK;
    static final String DEFAULT_WORKLOADS = "100,1000,5000,big,real";
    /**
     * The workloads run more than once per contender, n:count: the short ones, whose makespan one run may draw by
     * luck (the phase of the poll ladder against the renders, the disk under 10 GB of video).
     */
    static final String DEFAULT_REPEATS = "100:3,1000:3,5000:3,big:3";
    static final String DEFAULT_CONTENDERS = String.join(",", ContenderMain.COMPONENT_BATCHED,
            ContenderMain.COMPONENT_UNBATCHED, WEBHOOK, ContenderMain.BASELINE, ContenderMain.SDK_JS);

    private BenchmarkDriver() {
    }

    /**
     * One workload: N tasks of videos of that size, renders of {@code renderMs} +- {@code spreadMs} (simulated time).
     * {@code timeScale} k runs the workload k times faster than real: the simulator renders in renderMs / k and every
     * contender's timers (poll delays) are divided by k; {@code naturalWaiting}: every contender waits on its own
     * schedule (the component on its defaults) instead of the common fixed one.
     */
    record Workload(String name, int n, long videoBytes, long renderMs, long spreadMs, double timeScale,
                    boolean naturalWaiting)
            implements
                java.io.Serializable {

        /** Real milliseconds in simulated seconds. */
        double simulatedS(double realMs) {
            return realMs * timeScale / 1000.0;
        }

        /** When each contender takes its full GC: 0.5 s (real) before the shortest render can finish. */
        long inFlightGcAtMs() {
            return Math.max(500, Math.round((renderMs - spreadMs) / timeScale) - 500);
        }

        boolean realistic() {
            return naturalWaiting;
        }
    }

    /** What one contender did in one workload. */
    record Row(Workload workload, String contender, boolean available, boolean completed, int delivered, int failed,
               int sizeOk, String firstFailure, double makespanS, double idealS, double gapMedianMs, double gapP99Ms,
               int peakInFlight, int threadsIdle, int threadsPeakJvm, int threadsPeakRoute, int threadsPeakComponent,
               double heapPoolsMB, double heapLiveMB, double heapSampledMB, int gcCount, long gcMillis,
               double cpuMsPerTask, int submits, int polls, int pollUuids, int downloads, int webhooks,
               int maxHeapMB, int baselineThreads, String gc, int threadsPeakJdkAsync, long threadsStarted,
               int commonPoolParallelism, double noticeMedianMs, double noticeP99Ms, double transferMedianMs,
               double transferP99Ms, double heapInFlightMB, int inFlightAtGc, String componentGroups,
               double rssPeakMB, int webhookUnanswered, int webhookRefused, String runtime, Profile profile,
               String cpuByThread, double lastAcceptedS, double simCpuMsPerTask, String makespans,
               long blockingReads, long viaHttpClient, String cpus)
            implements
                java.io.Serializable {

        double perTask(int count) {
            return (double) count / workload.n;
        }

        /** This row with the makespans and the CPU per task of every run of its workload and contender, as text. */
        Row withRuns(String text, String cpuText) {
            return new Row(workload, contender, available, completed, delivered, failed, sizeOk, firstFailure,
                    makespanS, idealS, gapMedianMs, gapP99Ms, peakInFlight, threadsIdle, threadsPeakJvm,
                    threadsPeakRoute, threadsPeakComponent, heapPoolsMB, heapLiveMB, heapSampledMB, gcCount, gcMillis,
                    cpuMsPerTask, submits, polls, pollUuids, downloads, webhooks, maxHeapMB, baselineThreads, gc,
                    threadsPeakJdkAsync, threadsStarted, commonPoolParallelism, noticeMedianMs, noticeP99Ms,
                    transferMedianMs, transferP99Ms, heapInFlightMB, inFlightAtGc, componentGroups, rssPeakMB,
                    webhookUnanswered, webhookRefused, runtime, profile, cpuByThread, lastAcceptedS, simCpuMsPerTask,
                    text, blockingReads, viaHttpClient, cpuText);
        }
    }

    /** The workload of the unmeasured warm-up round ({@code bench.warmup}). */
    static final String WARM_UP_WORKLOAD = "100";

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs").toAbsolutePath().normalize();
        Path target = Path.of(args.length > 1 ? args[1] : "target").toAbsolutePath().normalize().resolve("benchmark");
        Files.createDirectories(target.resolve("logs"));
        Settings settings = new Settings();
        Path saved = target.resolve("rows.ser");
        if (Boolean.getBoolean("bench.reportOnly")) {
            // regenerate docs from the last run's figures
            try (var in = new java.io.ObjectInputStream(Files.newInputStream(saved))) {
                List<Row> rows = (List<Row>) in.readObject();
                Duration took = (Duration) in.readObject();
                String date = (String) in.readObject();
                writeDocs(docs, rows, settings, took, date);
            }
            return;
        }
        List<Workload> workloads = new ArrayList<>();
        for (String w : System.getProperty("bench.workloads", DEFAULT_WORKLOADS).split(",")) {
            workloads.add(settings.workload(w.trim()));
        }
        List<String> contenders = Arrays.asList(System.getProperty("bench.contenders", DEFAULT_CONTENDERS).split(","));

        Path log4j = target.resolve("log4j2-benchmark.xml");
        Files.writeString(log4j, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders><Console name="out" target="SYSTEM_OUT">
                    <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n"/></Console></Appenders>
                  <Loggers><Root level="WARN"><AppenderRef ref="out"/></Root></Loggers>
                </Configuration>
                """);

        Instant began = Instant.now();
        if (Boolean.parseBoolean(System.getProperty("bench.warmup", "true"))) {
            warmUp(contenders, settings, target, log4j);
        }
        List<Row> rows = new ArrayList<>();
        for (Workload workload : workloads) {
            // the runs of a workload go round the contenders, so that a slow spell of the shared machine falls on
            // every contender alike rather than on the repeats of one
            Map<String, List<Row>> runs = new LinkedHashMap<>();
            for (int round = 0; round < repeats(workload); round++) {
                for (String contender : contenders) {
                    if (skipped(workload, contender.trim())) {
                        if (round == 0) {
                            System.out.printf("== %s / %s skipped (bench.skip)%n", workload.name, contender);
                        }
                        continue;
                    }
                    runs.computeIfAbsent(contender.trim(), c -> new ArrayList<>())
                            .add(run(workload, contender.trim(), settings, target, log4j));
                }
            }
            for (List<Row> contenderRuns : runs.values()) {
                Row row = median(contenderRuns);
                rows.add(row);
                System.out.println(Report.line(row));
            }
        }
        Duration took = Duration.between(began, Instant.now());
        System.out.println();
        System.out.println(Report.table(rows));
        String date = DateTimeFormatter.ISO_LOCAL_DATE.format(began.atOffset(ZoneOffset.UTC));
        try (var out = new java.io.ObjectOutputStream(Files.newOutputStream(saved))) {
            out.writeObject(new ArrayList<>(rows));
            out.writeObject(took);
            out.writeObject(date);
        }
        writeDocs(docs, rows, settings, took, date);
    }

    /**
     * One unmeasured run of every contender at {@value #WARM_UP_WORKLOAD} x 1 MB before the measured ones: the
     * simulator and the WebSocket bridge (this JVM's code, standing in for Runware's servers, which are warm for every
     * client) are compiled before the first measured run, whichever contender it is. Cold, the first answer to a
     * submit took four times as long.
     */
    private static void warmUp(List<String> contenders, Settings settings, Path target, Path log4j) throws Exception {
        Instant began = Instant.now();
        Workload workload = settings.workload(WARM_UP_WORKLOAD);
        for (String contender : contenders) {
            System.out.printf("== warm-up (not measured): %s / %s%n", workload.name, contender.trim());
            run(workload, contender.trim(), settings, target, log4j);
        }
        System.out.printf("== warm-up done in %d s%n", Duration.between(began, Instant.now()).toSeconds());
    }

    private static void writeDocs(Path docs, List<Row> rows, Settings settings, Duration took, String date)
            throws IOException {
        Files.createDirectories(docs);
        new Chart(rows).write(docs.resolve("benchmarks.png"));
        Files.writeString(docs.resolve("benchmarks.md"), Report.markdown(rows, settings, took, date));
        System.out.println("Wrote " + docs.resolve("benchmarks.md") + " and " + docs.resolve("benchmarks.png")
                           + " (run took " + took.toSeconds() + " s)");
    }

    /**
     * The run of a contender in a workload with the median makespan (a run that did not complete counts as the
     * slowest), with the makespans and the CPU per task of all its runs ({@link #repeats}).
     */
    private static Row median(List<Row> runs) {
        int times = runs.size();
        if (times == 1) {
            return runs.get(0);
        }
        List<Row> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(r -> Report.ok(r) ? r.makespanS() : Double.MAX_VALUE));
        StringBuilder text = new StringBuilder();
        StringBuilder cpus = new StringBuilder();
        for (Row r : runs) {
            text.append(text.length() == 0 ? "" : ", ")
                    .append(Report.ok(r) ? String.format(Locale.ROOT, "%.1f", r.makespanS()) : "incomplete");
            if (Report.ok(r)) {
                cpus.append(cpus.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%.2f", r.cpuMsPerTask()));
            }
        }
        return sorted.get(times / 2).withRuns(text.toString(), cpus.toString());
    }

    /**
     * How many times a workload runs per contender: {@code bench.repeats=100:3,1000:3,5000:3,big:3} (n:count, {@code big} and
     * {@code real} as in bench.skip); 1 for the others.
     */
    static int repeats(Workload workload) {
        for (String repeat : System.getProperty("bench.repeats", DEFAULT_REPEATS).split(",")) {
            String[] parts = repeat.trim().split(":");
            if (parts.length == 2 && matches(workload, parts[0])) {
                return Math.max(1, Integer.parseInt(parts[1]));
            }
        }
        return 1;
    }

    private static boolean matches(Workload workload, String key) {
        boolean big = workload.videoBytes >= 10L * 1024 * 1024;
        return switch (key) {
            case "big" -> big;
            case "real" -> workload.realistic();
            default -> !big && !workload.realistic() && key.equals(Integer.toString(workload.n));
        };
    }

    /** Runs left out to fit the time budget: {@code bench.skip=5000:component-unbatched,...} (n:contender). */
    static boolean skipped(Workload workload, String contender) {
        for (String skip : System.getProperty("bench.skip", "").split(",")) {
            String[] parts = skip.trim().split(":");
            if (parts.length == 2 && parts[1].equals(contender) && matches(workload, parts[0])) {
                return true;
            }
        }
        return false;
    }

    /** The knobs of a run, from system properties. */
    static final class Settings {
        final String childXmx = System.getProperty("bench.childXmx", "256m");
        final long pollMs = Long.getLong("bench.pollMs", 1000);
        final long renderMs = Long.getLong("bench.renderMs", 5000);
        final long spreadMs = Long.getLong("bench.spreadMs", 1000);
        final int baselineThreads = Integer.getInteger("bench.baselineThreads", 200);
        final long smallBytes = Long.getLong("bench.smallBytes", 1024L * 1024);
        final int simHttpThreads = Integer.getInteger("bench.simHttpThreads", 16);
        final int realN = Integer.getInteger("bench.realN", 2000);
        final long realRenderMs = Long.getLong("bench.realRenderMs", 60_000);
        final long realSpreadMs = Long.getLong("bench.realSpreadMs", 30_000);
        final double timeScale = Double.parseDouble(System.getProperty("bench.timeScale", "10"));
        final boolean jfr = Boolean.getBoolean("bench.jfr");

        /** The makespan target: (longest render + two poll intervals) + 10 %. */
        double makespanTargetS() {
            return (renderMs + spreadMs + 2 * pollMs) * 1.1 / 1000.0;
        }

        /** A workload by its token: a task count (1 MB videos), {@code big} or {@code real}. */
        Workload workload(String token) {
            return switch (token) {
                case "big" -> {
                    int n = Integer.getInteger("bench.bigN", 50);
                    long bytes = Long.getLong("bench.bigBytes", 200L * 1024 * 1024);
                    yield new Workload(n + " x " + (bytes >> 20) + " MB", n, bytes, renderMs, spreadMs, 1, false);
                }
                case "real" -> new Workload(String.format(Locale.ROOT, "%,d x %d +- %d s", realN,
                        realRenderMs / 1000, realSpreadMs / 1000), realN, smallBytes, realRenderMs, realSpreadMs,
                        timeScale, true);
                default -> {
                    int n = Integer.parseInt(token);
                    yield new Workload(String.format(Locale.ROOT, "%,d x 1 MB", n), n, smallBytes, renderMs,
                            spreadMs, 1, false);
                }
            };
        }
    }

    static Row unavailable(Workload workload, String contender) {
        return failed(workload, contender, false, "", 0);
    }

    private static Row failed(Workload workload, String contender, boolean available, String failure,
                              int baselineThreads) {
        return new Row(workload, contender, available, false, 0, available ? workload.n : 0, 0, failure, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, baselineThreads, "", 0, 0, 0, 0, 0, 0, 0, -1, 0,
                "", 0, 0, 0, "", Profile.NONE, "", 0, 0, "", -1, -1, "");
    }

    private static Row run(Workload workload, String contender, Settings settings, Path target, Path log4j)
            throws Exception {
        String runName = runName(workload, contender);
        Path work = target.resolve("work").resolve(runName);
        Path result = target.resolve("results").resolve(runName + ".properties");
        Path recording = target.resolve("profiles").resolve(runName + ".jfr");
        Files.deleteIfExists(result);
        Files.deleteIfExists(recording);
        double scale = workload.timeScale;
        try (RunwareSimulator sim = RunwareSimulator.builder()
                .renderTime(Duration.ofMillis(Math.round(workload.renderMs / scale)))
                .renderSpread(Duration.ofMillis(Math.round(workload.spreadMs / scale)))
                .syntheticVideos(workload.videoBytes)
                .httpThreads(settings.simHttpThreads)
                .journalLimit(2_000_000)
                .seed(42L)
                .build().start();
                WebSocketBridge bridge = ContenderMain.SDK_JS.equals(contender)
                        ? WebSocketBridge.start(sim.baseUrl(), settings.simHttpThreads)
                        : null) {
            List<String> command;
            Map<String, String> environment = new TreeMap<>();
            if (bridge != null) {
                Path script = SdkJs.install(target);
                command = List.of(SdkJs.node(), "--expose-gc", "--max-old-space-size=" + megabytes(settings.childXmx),
                        script.toString(), Integer.toString(workload.n), bridge.url(), sim.apiKey(), work.toString(),
                        result.toString());
                environment.put("BENCH_VIDEO_BYTES", Long.toString(workload.videoBytes));
                environment.put("BENCH_TIME_SCALE", Double.toString(scale));
                environment.put("BENCH_IN_FLIGHT_GC_MS", Long.toString(workload.inFlightGcAtMs()));
                environment.put("BENCH_TIMEOUT_SEC", Long.toString(Long.getLong("bench.timeoutSec", 300)));
            } else {
                String java = ProcessHandle.current().info().command().orElse("java");
                // the JVM's temporary files (Camel's stream-cache spool of the baseline, Vert.x's file cache) in the
                // run's work folder, which the contender deletes at its end
                Path jvmTemp = Files.createDirectories(work.resolve("jvm-tmp"));
                command = new ArrayList<>(List.of(java, "-Xmx" + settings.childXmx, "-Xss512k",
                        "-Djava.io.tmpdir=" + jvmTemp));
                if (settings.jfr) {
                    Files.createDirectories(recording.getParent());
                    // the recorder's chunks outside the work folder, which is deleted before the recording is dumped
                    command.add("-XX:FlightRecorderOptions:repository=" + recording.getParent());
                    command.add("-XX:StartFlightRecording=settings=profile,jdk.ExecutionSample#period="
                                + Long.getLong("bench.jfrPeriodMs", 2)
                                + "ms,jdk.Compilation#threshold=0ms,dumponexit=true,filename="
                                + recording);
                }
                command.addAll(List.of("-Dlog4j2.configurationFile=" + log4j.toUri(),
                        "-Dbench.pollMs=" + Math.round(settings.pollMs / scale),
                        "-Dbench.naturalWaiting=" + workload.naturalWaiting, "-Dbench.timeScale=" + scale,
                        "-Dbench.inFlightGcAtMs=" + workload.inFlightGcAtMs(),
                        "-Dbench.baselineThreads=" + settings.baselineThreads,
                        "-Dbench.videoBytes=" + workload.videoBytes,
                        "-Dbench.timeoutSec=" + Long.getLong("bench.timeoutSec", 300),
                        "-Dbench.debugThreads=" + System.getProperty("bench.debugThreads", ""),
                        "-cp", System.getProperty("java.class.path"), ContenderMain.class.getName(),
                        contender, Integer.toString(workload.n), sim.baseUrl(), sim.apiKey(), work.toString(),
                        result.toString()));
            }
            Path logFile = target.resolve("logs").resolve(runName + ".log");
            System.out.printf("== %s / %s (child log %s)%n", workload.name, contender, logFile);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            builder.environment().putAll(environment);
            long simCpuBefore = driverCpuNanos();
            Process child = builder.start();
            if (!child.waitFor(420, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
            }
            double simCpuMsPerTask = (driverCpuNanos() - simCpuBefore) / 1e6 / workload.n;
            if (!Files.exists(result)) {
                String tail = Files.exists(logFile) ? tail(Files.readString(logFile), 600) : "";
                return failed(workload, contender, true, "child process died: " + tail, settings.baselineThreads);
            }
            return measure(workload, contender, sim, result, recording, simCpuMsPerTask);
        }
    }

    /**
     * The CPU time of this JVM, which runs the simulator (and for the SDK the WebSocket bridge): what serving a
     * contender costs Runware's side.
     */
    private static long driverCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static String runName(Workload workload, String contender) {
        return (workload.realistic() ? "real-" : "") + workload.n + "-" + (workload.videoBytes >> 20) + "MB-"
               + contender;
    }

    /** {@code 256m} -> 256, {@code 1g} -> 1024. */
    static long megabytes(String javaSize) {
        String size = javaSize.trim().toLowerCase(Locale.ROOT);
        long number = Long.parseLong(size.replaceAll("[^0-9]", ""));
        return size.endsWith("g") ? number * 1024 : size.endsWith("k") ? number / 1024 : number;
    }

    private static Row measure(Workload workload, String contender, RunwareSimulator sim, Path resultFile,
                               Path recording, double simCpuMsPerTask)
            throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(resultFile)) {
            p.load(in);
        }
        long startMicros = Long.parseLong(p.getProperty("startMicros"));
        RequestJournal journal = sim.requests();
        int submits = 0;
        int polls = 0;
        Map<String, Long> acceptedMicros = new TreeMap<>();
        StringBuilder submitPhase = new StringBuilder();
        for (RecordedRequest request : journal.apiRequests()) {
            List<Map<String, Object>> tasks = request.tasks();
            if (tasks.isEmpty()) {
                continue;
            }
            Object type = tasks.get(0).get("taskType");
            if ("videoInference".equals(type)) {
                submits++;
                if (submits <= 12) {
                    submitPhase.append(String.format(Locale.ROOT, " %.2f s: %d;",
                            (ContenderMain.toMicros(request.receivedAt()) - startMicros) / 1e6, tasks.size()));
                }
                for (Map<String, Object> task : tasks) {
                    acceptedMicros.putIfAbsent(String.valueOf(task.get("taskUUID")),
                            ContenderMain.toMicros(request.receivedAt()));
                }
            } else if ("getResponse".equals(type)) {
                polls++;
            }
        }
        int pollUuids = journal.count("getResponse");
        Map<String, Long> downloadAsked = new java.util.HashMap<>();
        for (RecordedRequest request : journal.all()) {
            if ("GET".equals(request.method()) && request.path().startsWith("/media/")) {
                downloadAsked.putIfAbsent(request.path(), ContenderMain.toMicros(request.receivedAt()));
            }
        }
        List<Double> notices = new ArrayList<>();
        List<Double> transfers = new ArrayList<>();
        int downloads = journal.mediaDownloads();
        int webhooks = journal.webhookCalls().size();
        Map<Integer, Integer> statuses = new TreeMap<>();
        journal.webhookCalls().forEach(call -> statuses.merge(call.status(), 1, Integer::sum));
        System.out.printf(Locale.ROOT, "   simulator CPU %.2f ms per task; %d submit requests; the last task accepted"
                                       + " %.2f s after the start%n",
                simCpuMsPerTask, submits,
                (acceptedMicros.values().stream().mapToLong(Long::longValue).max().orElse(startMicros) - startMicros)
                                          / 1e6);
        System.out.println("   submit requests (received after the start: tasks), the first 12:" + submitPhase);
        if (webhooks > 0) {
            // -1: the simulator's attempt got no answer within its timeout (or no connection)
            System.out.println("   webhook calls by status: " + statuses);
        }
        int webhookUnanswered = statuses.getOrDefault(-1, 0);
        int webhookRefused = statuses.entrySet().stream().filter(e -> e.getKey() >= 0 && e.getKey() / 100 != 2)
                .mapToInt(Map.Entry::getValue).sum();

        List<Double> gaps = new ArrayList<>();
        long lastFinish = startMicros;
        List<long[]> intervals = new ArrayList<>();
        for (String line : Files.readAllLines(resultFile.resolveSibling(resultFile.getFileName() + ".tasks"))) {
            String[] parts = line.split(" ");
            long completed = Long.parseLong(parts[1]);
            SimulatedTask task = sim.task(parts[0]).orElse(null);
            if (task != null && task.finishedAt() != null) {
                long finished = ContenderMain.toMicros(task.finishedAt());
                gaps.add((completed - finished) / 1000.0);
                lastFinish = Math.max(lastFinish, finished);
                Long asked = parts.length > 2 ? downloadAsked.get(parts[2]) : null;
                if (asked != null) {
                    notices.add((asked - finished) / 1000.0);
                    transfers.add((completed - asked) / 1000.0);
                }
            }
            Long accepted = acceptedMicros.get(parts[0]);
            if (accepted != null) {
                intervals.add(new long[]{ accepted, completed });
            }
        }
        gaps.sort(Double::compare);
        notices.sort(Double::compare);
        transfers.sort(Double::compare);
        return new Row(workload, contender, true, Boolean.parseBoolean(p.getProperty("completedInTime")),
                Integer.parseInt(p.getProperty("delivered")), Integer.parseInt(p.getProperty("failed")),
                Integer.parseInt(p.getProperty("sizeOk")), p.getProperty("firstFailure", ""),
                Long.parseLong(p.getProperty("elapsedMillis")) / 1000.0, (lastFinish - startMicros) / 1_000_000.0,
                percentile(gaps, 50), percentile(gaps, 99), peakOverlap(intervals),
                Integer.parseInt(p.getProperty("threadsIdle")), Integer.parseInt(p.getProperty("threadsPeakJvm")),
                Integer.parseInt(p.getProperty("threadsPeakRoute")),
                Integer.parseInt(p.getProperty("threadsPeakComponent")),
                mb(p.getProperty("heapPeakPoolsBytes")), mb(p.getProperty("heapPeakLiveBytes")),
                mb(p.getProperty("heapPeakSampledBytes")), Integer.parseInt(p.getProperty("gcCount")),
                Long.parseLong(p.getProperty("gcMillis")),
                Long.parseLong(p.getProperty("cpuNanos")) / 1e6 / workload.n, submits, polls, pollUuids, downloads,
                webhooks, Integer.parseInt(p.getProperty("maxHeapMB")),
                Integer.parseInt(p.getProperty("baselineThreads")), p.getProperty("gc", ""),
                Integer.parseInt(p.getProperty("threadsPeakJdkAsync")), Long.parseLong(p.getProperty("threadsStarted")),
                Integer.parseInt(p.getProperty("commonPoolParallelism")), percentile(notices, 50),
                percentile(notices, 99), percentile(transfers, 50), percentile(transfers, 99),
                Long.parseLong(p.getProperty("heapInFlightBytes")) / (1024.0 * 1024.0),
                openAt(intervals, Long.parseLong(p.getProperty("heapInFlightMicros"))),
                p.getProperty("threadsPeakComponentGroups", ""),
                mb(p.getProperty("rssPeakBytes", "0")), webhookUnanswered, webhookRefused,
                ContenderMain.SDK_JS.equals(contender) ? "Node " + p.getProperty("gc", "") : "JVM",
                Profile.read(recording, startMicros,
                        startMicros + Long.parseLong(p.getProperty("elapsedMillis")) * 1000,
                        recording.resolveSibling(recording.getFileName().toString().replace(".jfr", ".txt"))),
                p.getProperty("cpuByThread", ""),
                (acceptedMicros.values().stream().mapToLong(Long::longValue).max().orElse(startMicros) - startMicros)
                                                  / 1_000_000.0,
                simCpuMsPerTask, "", Long.parseLong(p.getProperty("blockingReads", "-1")),
                Long.parseLong(p.getProperty("viaHttpClient", "-1")), "");
    }

    private static double mb(String bytes) {
        return Long.parseLong(bytes) / (1024.0 * 1024.0);
    }

    /** Nearest-rank percentile of sorted values; NaN when empty. */
    static double percentile(List<Double> sorted, double pct) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** How many intervals [accepted, completed] contain the instant. */
    static int openAt(List<long[]> intervals, long micros) {
        int open = 0;
        for (long[] i : intervals) {
            if (i[0] <= micros && micros < i[1]) {
                open++;
            }
        }
        return open;
    }

    /** The most intervals [accepted, completed] open at one instant: tasks in flight at the peak. */
    static int peakOverlap(List<long[]> intervals) {
        List<long[]> events = new ArrayList<>();
        for (long[] i : intervals) {
            events.add(new long[]{ i[0], 1 });
            events.add(new long[]{ i[1], -1 });
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int open = 0;
        int peak = 0;
        for (long[] e : events) {
            open += (int) e[1];
            peak = Math.max(peak, open);
        }
        return peak;
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : text.substring(text.length() - chars);
    }
}
