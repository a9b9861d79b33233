package io.github.camelseedance.examples.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.camelseedance.examples.benchmark.BenchmarkDriver.Row;
import io.github.camelseedance.examples.benchmark.BenchmarkDriver.Settings;

/** The targets, judged against the figures of a run, and the findings that explain them. */
final class Targets {

    private Targets() {
    }

    static String markdown(List<Row> rows, Settings settings) {
        StringBuilder md = new StringBuilder("## Earlier targets\n\n| Target | Figure | Verdict |\n|---|---|---|\n");
        Row a1000 = pick(rows, 1000, ContenderMain.COMPONENT_BATCHED);
        Row b1000 = pick(rows, 1000, ContenderMain.COMPONENT_UNBATCHED);
        if (a1000 != null && Report.ok(a1000)) {
            boolean met = a1000.peakInFlight() >= 1000 && a1000.threadsPeakComponent() <= 16;
            int own = ownPoolThreads() + 1
                      + io.github.camelseedance.seedance.runtime.SeedanceRuntime.downloadClients(defaults());
            md.append(String.format(Locale.ROOT,
                    "| 1,000 tasks in flight on at most 16 component threads | (a) %d in flight, component threads "
                                                 + "peak %d (sampled every 50 ms, per pool: %s; its pools with default options are %d threads "
                                                 + "with the JDK selectors of its API client and its %d download client(s)); %,d threads started during the whole workload (%.3f per task); JVM peak "
                                                 + "%d of which %d before the workload%s | %s |%n",
                    a1000.peakInFlight(), a1000.threadsPeakComponent(), groups(a1000), own,
                    io.github.camelseedance.seedance.runtime.SeedanceRuntime.downloadClients(defaults()),
                    a1000.threadsStarted(),
                    a1000.perTask((int) a1000.threadsStarted()), a1000.threadsPeakJvm(), a1000.threadsIdle(),
                    b1000 != null && Report.ok(b1000)
                            ? String.format(Locale.ROOT,
                                    "; (b) %d component threads", b1000.threadsPeakComponent())
                            : "",
                    met
                            ? String.format(Locale.ROOT, "**met** (%d to spare)", 16 - a1000.threadsPeakComponent())
                            : a1000.peakInFlight() < 1000
                                    ? "**missed**: only " + a1000.peakInFlight() + " in flight"
                                    : "**missed** by " + (a1000.threadsPeakComponent() - 16) + " threads"
                                      + (a1000.threadsPeakComponent() > own
                                              ? String.format(Locale.ROOT,
                                                      ", %d beyond the component's own pools (see the per-pool counts)",
                                                      a1000.threadsPeakComponent() - own)
                                              : "")));

            double bound = settings.makespanTargetS();
            double over = a1000.makespanS() - bound;
            md.append(String.format(Locale.ROOT,
                    "| Makespan within longest render + 2 poll intervals + 10%% = (%.1f + %.1f) x 1.1 = %.1f s (N = "
                                                 + "1,000) | (a) %.1f s; the simulator itself finished the last task at %.1f s | %s |%n",
                    (settings.renderMs + settings.spreadMs) / 1000.0, 2 * settings.pollMs / 1000.0, bound,
                    a1000.makespanS(), a1000.idealS(), over <= 0
                            ? "**met**"
                            : String.format(Locale.ROOT,
                                    "**missed** by %.1f s (%.0f%%); the client's share after the simulator's last finish: %.1f s, see "
                                                         + "findings",
                                    over, 100 * over / bound, a1000.makespanS() - a1000.idealS())));

            double polls = a1000.perTask(a1000.polls());
            md.append(String.format(Locale.ROOT,
                    "| Batched polling: under 1.1 poll requests per task (N = 1,000, 1 s interval, 5 s renders) "
                                                 + "| (a) %.3f poll requests per task (%d requests carrying %.2f task polls per task) | %s |%n",
                    polls, a1000.polls(), a1000.perTask(a1000.pollUuids()),
                    polls < 1.1 ? "**met**" : "**missed**"));
        } else {
            md.append("| N = 1,000 targets | workload not run | - |\n");
        }
        StringBuilder hooks = new StringBuilder();
        boolean zero = true;
        boolean measured = false;
        for (Row r : rows) {
            if (r.contender().equals(ContenderMain.COMPONENT_WEBHOOK) && Report.ok(r)) {
                measured = true;
                zero &= r.polls() == 0;
                hooks.append(String.format(Locale.ROOT, "%s: %d polls, %.2f webhook calls per task; ",
                        r.workload().name(), r.polls(), r.perTask(r.webhooks())));
            }
        }
        md.append("| Webhook mode: zero polls | (c) ").append(measured ? hooks : "not run").append(" | ")
                .append(!measured ? "-" : zero ? "**met**" : "**missed**").append(" |\n");

        StringBuilder heap = new StringBuilder();
        boolean allUnder = true;
        boolean any = false;
        boolean atCap = false;
        long maxGc = 0;
        for (Row r : rows) {
            if (!Report.isComponent(r) || !r.available()) {
                continue;
            }
            any = true;
            boolean under = Report.ok(r) && r.failed() == 0 && r.heapSampledMB() < 256;
            allUnder &= under;
            boolean full = r.heapSampledMB() >= 0.95 * r.maxHeapMB();
            if (full) {
                atCap = true;
                maxGc = Math.max(maxGc, r.gcMillis());
            }
            heap.append(String.format(Locale.ROOT, "%s %s: %.0f MB%s; ", r.workload().name(),
                    Report.label(r.contender()).substring(0, 3), r.heapSampledMB(), full ? " (at the cap)" : ""));
        }
        if (any) {
            md.append(String.format(Locale.ROOT,
                    "| Peak heap under 256 MB in every workload, 200 MB videos included, delivered to files | Every "
                                                 + "contender JVM runs with -Xmx%s, so completing without OutOfMemoryError is the proof; peak used "
                                                 + "heap sampled: %s| %s |%n",
                    settings.childXmx, heap, !allUnder
                            ? "**missed**"
                            : atCap
                                    ? "**met** (no OutOfMemoryError), but the runs marked at the cap spent up to "
                                      + maxGc / 1000
                                      + " s in GC: the heap is enough, not roomy"
                                    : "**met**"));
        }
        md.append("| Baseline's threads, makespan and requests per task beside ours as ratios | see *Baseline beside "
                  + "the component* | **reported** |\n\n");
        return md.toString();
    }

    /**
     * Figures of the previous run (docs/benchmarks.md before the component's two fixes: sendAsync answers on a thread
     * each, downloads unbounded), kept only to show what the fixes changed. Every other figure is this run's.
     */
    static final class Previous {
        static final long THREADS_STARTED = 51_051;
        static final long TASKS = 18_450;
        static final int JDK_ASYNC_PEAK = 31;
        static final int COMPONENT_PEAK_1000 = 18;
        /** (a) gap p50 in ms and notice p50 in ms at N = 100, 1,000, 5,000 and 50 x 200 MB. */
        static final double[] GAP_P50 = { 733, 2221, 27820, 14337 };
        static final double[] NOTICE_P50 = { 558, 702, 10797, 7696 };
        /** (a) at N = 5,000: GC ms, makespan s, peak heap MB. */
        static final long GC_5000 = 10_233;
        static final double MAKESPAN_5000 = 46.8;
        static final double MAKESPAN_BIG = 28.2;
        static final double HEAP_5000 = 254;
        /** The simulator's webhook sender before its delivery threads: threads it started in 12 s at 5,000 (c). */
        static final int SIM_THREADS_STARTED_12S = 2_543;
        /**
         * The driver's CPU per task in ms in (c) less that in (a) at 5,000 x 1 MB, two rounds run alternately with the
         * code before the delivery threads (main at 1180ca9) and after, on 2026-12-03.
         */
        static final String SIM_WEBHOOK_EXTRA_BEFORE = "0.77 and 0.77";
        static final String SIM_WEBHOOK_EXTRA_AFTER = "0.20 and 0.55";
        /**
         * 100 x 1 MB (a) against a cold simulator, single runs on 2026-12-03, before and after the client made its JSON
         * writer and reader at its start: the first submit request and the last task accepted, s after the start.
         */
        static final String FIRST_SUBMIT_BEFORE = "0.22";
        static final String FIRST_SUBMIT_AFTER = "0.14 to 0.18";
        static final String LAST_ACCEPTED_BEFORE = "0.51";
        static final String LAST_ACCEPTED_AFTER = "0.38 to 0.41";
        /**
         * The resource probe before it classified each thread once: 100 x 1 MB (a), 2026-12-03, under JFR, one run each
         * way: java.util.regex's share of the JIT's compile time in the workload, and the probe thread's CPU (ms).
         */
        static final String PROBE_REGEX_JIT_BEFORE = "0.31 s of 1.83 s";
        static final String PROBE_REGEX_JIT_AFTER = "0.04 s of 1.42 s";
        static final String PROBE_CPU_BEFORE = "189";
        static final String PROBE_CPU_AFTER = "66 to 78";
        /**
         * 5,000 x 1 MB, (a) then (c), two rounds run alternately with main at cff5ef7 (the webhook path a platform-http
         * consumer) and after (a route of the Vert.x router), on 2026-12-03: the Vert.x threads' CPU in (c) (s), and
         * (c)'s CPU per task and makespan over (a)'s.
         */
        static final String RECEIVER_VERTX_CPU_BEFORE = "3.65 and 3.10";
        static final String RECEIVER_VERTX_CPU_AFTER = "2.15 and 2.21";
        static final String RECEIVER_CPU_RATIO_BEFORE = "1.10x and 1.10x";
        static final String RECEIVER_CPU_RATIO_AFTER = "0.98x and 0.96x";
        static final String RECEIVER_MAKESPAN_RATIO_BEFORE = "1.14x and 1.09x";
        static final String RECEIVER_MAKESPAN_RATIO_AFTER = "1.03x and 1.01x";

        private Previous() {
        }
    }

    static String findings(List<Row> rows, Settings settings) {
        StringBuilder md = new StringBuilder("## Findings\n\n");
        md.append(fixed(rows));
        md.append(makespan(rows, settings));
        md.append(baselineWins(rows, settings));
        md.append(batchPhase(rows, settings));
        md.append(webhookRetries(rows));
        md.append(webhookReceiver(rows));
        md.append(requests(rows));
        md.append(submitPhase(rows));
        md.append(apiSide(rows));
        md.append(threads(rows, settings));
        md.append(heap(rows, settings));
        md.append(String.format(Locale.ROOT, """
                * **Measurement limits.** Simulator and contender share the %d cores, so CPU-heavy phases (1,000s of \
                submits, GBs of video) slow both; every contender suffers the same. The sampled thread peaks miss \
                threads living under 50 ms; the JVM peak count and the threads-started count do not. *Notice* ends \
                when the video's GET reaches the simulator, so it includes any wait for a download thread (component) \
                or a delay-pool thread (baseline), not only the poll delay. %s
                * **The benchmark's own share.** The resource probe runs in every Java contender's JVM and its CPU is \
                counted in the contender's. Until this run it took a thread dump and compiled regular expressions for \
                every thread every 50 ms, which made the JIT compile java.util.regex in the workload's window (100 x 1 \
                MB (a), under JFR, one run each way: %s of the compile time before, %s after) and its own thread \
                spend %s ms (%s ms after); it now lists the threads and classifies each once. That lowers every Java \
                contender's CPU, the baseline's probe thread's most (it has 200 more threads to list); the CPU \
                figures and verdicts of this run are all measured with the new probe. The warm-up round (set-up) is \
                the same kind of fix: the simulator's cold start fell on whichever contender ran first.
                """, Runtime.getRuntime().availableProcessors(), Report.repeated(rows), Previous.PROBE_REGEX_JIT_BEFORE,
                Previous.PROBE_REGEX_JIT_AFTER, Previous.PROBE_CPU_BEFORE, Previous.PROBE_CPU_AFTER));
        return md.toString();
    }

    /** The previous run's two defects, the fixes, and this run's figures that show their effect. */
    private static String fixed(List<Row> rows) {
        long started = 0;
        long tasks = 0;
        long maxStarted = 0;
        int jdkAsync = 0;
        int parallelism = 0;
        for (Row r : rows) {
            if (Report.isComponent(r) && Report.ok(r)) {
                started += r.threadsStarted();
                tasks += r.workload().n();
                maxStarted = Math.max(maxStarted, r.threadsStarted());
                jdkAsync = Math.max(jdkAsync, r.threadsPeakJdkAsync());
                parallelism = r.commonPoolParallelism();
            }
        }
        if (tasks == 0) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, """
                * **Fixed since the previous run: a thread per HTTP answer.** `HttpClient.sendAsync` completes each \
                answer on CompletableFuture's default executor, which starts a new thread per answer when the common \
                ForkJoinPool has parallelism 1 (here: %d). The client now runs the blocking `HttpClient.send` on the \
                component's own bounded pools. Measured: %,d threads started in all component runs for %,d tasks \
                (%.3f per task; at most %,d in one run, whatever N; previous run: %,d for %,d, %.1f per task), and \
                %s JDK `Thread-N` thread alive in any sample (previous run: up to %d at once).
                """, parallelism, started, tasks, (double) started / tasks, maxStarted, Previous.THREADS_STARTED,
                Previous.TASKS, (double) Previous.THREADS_STARTED / Previous.TASKS,
                jdkAsync == 0 ? "no" : "at most " + jdkAsync, Previous.JDK_ASYNC_PEAK));

        List<Row> batched = new ArrayList<>();
        for (Row r : rows) {
            if (r.contender().equals(ContenderMain.COMPONENT_BATCHED) && Report.ok(r)) {
                batched.add(r);
            }
        }
        if (batched.isEmpty()) {
            return md.toString();
        }
        int downloadPeak = 0;
        for (Row r : rows) {
            if (Report.isComponent(r) && Report.ok(r)) {
                downloadPeak = Math.max(downloadPeak, group(r, "download"));
            }
        }
        StringBuilder latency = new StringBuilder();
        for (Row r : batched) {
            int i = previousIndex(r);
            latency.append(String.format(Locale.ROOT, "%s: gap p50 %.1f s, notice p50 %.1f s%s; ", r.workload().name(),
                    r.gapMedianMs() / 1000, r.noticeMedianMs() / 1000, i < 0
                            ? ""
                            : String.format(Locale.ROOT,
                                    " (previous: %.1f s, %.1f s)", Previous.GAP_P50[i] / 1000,
                                    Previous.NOTICE_P50[i] / 1000)));
        }
        Row a5000 = pick(rows, 5000, ContenderMain.COMPONENT_BATCHED);
        String gc = a5000 == null || !Report.ok(a5000)
                ? ""
                : String.format(Locale.ROOT,
                        " At N = 5,000: %.1f s of GC in a %.1f s run, peak heap %.0f MB (previous run: %.1f s of GC in %.1f s, "
                                             + "%.0f MB).",
                        a5000.gcMillis() / 1000.0, a5000.makespanS(), a5000.heapSampledMB(),
                        Previous.GC_5000 / 1000.0, Previous.MAKESPAN_5000, Previous.HEAP_5000);
        StringBuilder paths = new StringBuilder();
        for (Row r : rows) {
            if (Report.isComponent(r) && Report.ok(r) && r.blockingReads() >= 0) {
                paths.append(String.format(Locale.ROOT, "%s %s: %,d by blocking reads, %,d through the HTTP client; ",
                        r.workload().name(), Report.label(r.contender()).substring(0, 3), r.blockingReads(),
                        r.viaHttpClient()));
            }
        }
        md.append(String.format(Locale.ROOT, """
                * **Downloads.** With `blockingDownloads` (the default), a download to a file is read by blocking \
                reads on a SeedanceDownload thread (at most %d at once, one thread left to send the others), and one \
                that finds them all busy waits for one while the host's CPUs are at least 80 %% busy, or goes \
                through the download HTTP client while they have room. Download attempts per run: %s. Without \
                it, the GETs are sent from that pool (each thread held until an answer's headers arrive; the bodies \
                arrive on the selector threads of the component's download clients, each writing what it reads). \
                As many at once as the adaptive limiter allows (`adaptiveDownloads`, at most \
                `maxConcurrentDownloads`, default %d), and submits and polls on another pool (`httpPoolSize`, \
                default %d, SeedanceHttp). Measured: at most %d download threads in any run. Task finished -> \
                exchange done, (a): %s.%s
                """, io.github.camelseedance.seedance.runtime.SeedanceRuntime.blockingDownloadThreads(defaults()),
                paths.length() == 0 ? "not recorded" : paths.toString().replaceAll("; $", ""),
                defaults().getMaxConcurrentDownloads(), defaults().getHttpPoolSize(), downloadPeak,
                latency.toString().replaceAll("; $", ""), gc));
        return md.toString();
    }

    /** Index of the workload in {@link Previous}'s arrays, or -1. */
    private static int previousIndex(Row r) {
        return PerformanceTargets.beforeIndex(r);
    }

    /** Where the time goes between the simulator's last finish and the makespan, N = 1,000, (a). */
    private static String makespan(List<Row> rows, Settings settings) {
        Row a = pick(rows, 1000, ContenderMain.COMPONENT_BATCHED);
        if (a == null || !Report.ok(a)) {
            return "";
        }
        double bound = settings.makespanTargetS();
        double tail = a.makespanS() - a.idealS();
        boolean blocking = a.blockingReads() >= 0;
        int downloads = blocking
                ? io.github.camelseedance.seedance.runtime.SeedanceRuntime.blockingDownloadThreads(defaults())
                : Math.max(1, group(a, "download"));
        double perSecond = downloads / Math.max(1e-3, a.transferMedianMs() / 1000.0);
        double drain = a.workload().n() / perSecond;
        double spread = 2 * settings.spreadMs / 1000.0;
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                * **Where the makespan goes (N = 1,000, (a)).** Makespan %.1f s against a bound of %.1f s (%s). The \
                simulator finished its last task at %.1f s (renders of up to %.1f s plus the time to accept 1,000 \
                submits on the same 2 cores), so the client's own share is the %.1f s after it. Notice p50 %.0f ms, \
                p99 %.0f ms (one poll interval alone gives about %.0f ms on average and at most %.0f ms); transfer \
                p50 %.0f ms, p99 %.0f ms.""", a.makespanS(), bound,
                a.makespanS() <= bound ? "met" : String.format(Locale.ROOT, "%.1f s over", a.makespanS() - bound),
                a.idealS(), (settings.renderMs + settings.spreadMs) / 1000.0, tail, a.noticeMedianMs(),
                a.noticeP99Ms(), settings.pollMs / 2.0, (double) settings.pollMs, a.transferMedianMs(),
                a.transferP99Ms()));
        if (a.noticeP99Ms() > 1.5 * settings.pollMs && drain > spread) {
            md.append(String.format(Locale.ROOT, """
                     The renders finish within about %.1f s of each other and a transfer takes %.0f ms (p50): at %d \
                    downloads at once the videos would need about %.1f s, so finished tasks wait for a download slot, \
                    and that wait is the part of the notice time beyond the poll interval. %s""", spread,
                    a.transferMedianMs(), downloads, drain, blocking
                            ? "With blockingDownloads (the default) that is the blocking threads while the host's "
                              + "CPUs are busy, as they are here: more transfers at once would share the same 2 "
                              + "cores at twice the CPU per byte."
                            : "How many transfer at once is the component's download limiter (adaptive by default, up "
                              + "to `maxConcurrentDownloads`), not its download threads, which are free once a "
                              + "transfer's headers arrived."));
        } else if (a.noticeP99Ms() > 1.5 * settings.pollMs) {
            md.append(" Notice p99 exceeds one poll interval by more than half, while the download pool's capacity "
                      + "would drain the tasks within their render spread: the poll answers themselves are late.");
        } else {
            md.append(" Notice stays within about one poll interval: the client adds little beyond the poll schedule.");
        }
        Row d = pick(rows, 1000, ContenderMain.BASELINE);
        if (d != null && Report.ok(d)) {
            md.append(String.format(Locale.ROOT, """
                     The baseline at the same N: makespan %.1f s, simulator's last finish %.1f s, notice p50 %.0f \
                    ms, p99 %.0f ms, transfer p50 %.0f ms (after each delay its exchange, download included, runs \
                    on Camel's delay scheduler, 10 threads by default).""",
                    d.makespanS(), d.idealS(), d.noticeMedianMs(), d.noticeP99Ms(), d.transferMedianMs()));
        }
        return md.append('\n').toString();
    }

    /** Every workload where the baseline's makespan is shorter than (a)'s, with the figures that explain it. */
    private static String baselineWins(List<Row> rows, Settings settings) {
        double pollS = settings.pollMs / 1000.0;
        StringBuilder wins = new StringBuilder();
        List<String> losses = new ArrayList<>();
        List<String> ties = new ArrayList<>();
        for (Row[] pair : Report.besideBatched(rows, ContenderMain.BASELINE)) {
            Row a = pair[0];
            Row d = pair[1];
            if (Math.abs(d.makespanS() - a.makespanS()) < pollS) {
                ties.add(String.format(Locale.ROOT, "%s ((a) %.1f s, baseline %.1f s)", a.workload().name(),
                        a.makespanS(), d.makespanS()));
                continue;
            }
            if (d.makespanS() > a.makespanS()) {
                losses.add(String.format(Locale.ROOT, "%s (%.1f s against %.1f s, %.0f%% shorter)",
                        a.workload().name(), a.makespanS(), d.makespanS(), 100 * (1 - a.makespanS() / d.makespanS())));
                continue;
            }
            double tailA = a.makespanS() - a.idealS();
            double tailD = d.makespanS() - d.idealS();
            wins.append(String.format(Locale.ROOT, """
                      * %s: baseline %.1f s, (a) %.1f s (%.0f%% longer). Simulator's last finish %.1f s for the \
                    baseline, %.1f s for (a); after it, the baseline needed %.1f s more and (a) %.1f s. Most tasks \
                    in flight: %,d against %,d. Notice p50 / p99 %.1f / %.1f s against %.1f / %.1f s, transfer \
                    p50 / p99 %.1f / %.1f s against %.1f / %.1f s, GC %.1f s against %.1f s (baseline first). %s
                    """, a.workload().name(), d.makespanS(), a.makespanS(),
                    100 * (a.makespanS() / d.makespanS() - 1), d.idealS(), a.idealS(), tailD, tailA,
                    d.peakInFlight(), a.peakInFlight(), d.noticeMedianMs() / 1000, d.noticeP99Ms() / 1000,
                    a.noticeMedianMs() / 1000, a.noticeP99Ms() / 1000, d.transferMedianMs() / 1000,
                    d.transferP99Ms() / 1000, a.transferMedianMs() / 1000, a.transferP99Ms() / 1000,
                    d.gcMillis() / 1000.0, a.gcMillis() / 1000.0, why(a, d, tailA, tailD)));
        }
        StringBuilder md = new StringBuilder();
        md.append(wins.length() == 0
                ? "* **The baseline finishes first in no workload of this run** (by more than "
                  + "one poll interval).\n"
                : "* **Where the baseline finishes first.**\n" + wins);
        if (!losses.isEmpty()) {
            md.append("  * (a) finishes first: ").append(String.join(", ", losses)).append(".\n");
        }
        if (!ties.isEmpty()) {
            md.append(String.format(Locale.ROOT, "  * Within one poll interval (%.1f s) of each other, a tie for one "
                                                 + "run: ",
                    pollS)).append(String.join(", ", ties)).append(".\n");
        }
        return md.toString();
    }

    /**
     * Where batched polling (a) finishes after one poll per task (b) by more than a quarter interval, noticing later:
     * the batch's shared phase against renders that end just before a step of each task's own ladder
     * (BatchedPollingTest).
     */
    private static String batchPhase(List<Row> rows, Settings settings) {
        List<String> later = new ArrayList<>();
        for (Row a : rows) {
            Row b = Report.find(rows, a.workload(), ContenderMain.COMPONENT_UNBATCHED);
            if (!a.contender().equals(ContenderMain.COMPONENT_BATCHED) || !Report.ok(a) || b == null || !Report.ok(b)
                || a.makespanS() - b.makespanS() <= settings.pollMs / 4_000.0
                || a.noticeMedianMs() <= b.noticeMedianMs()) {
                continue;
            }
            later.add(String.format(Locale.ROOT, "%s ((a) %.1f s, (b) %.1f s; notice p50 %.0f against %.0f ms)",
                    a.workload().name(), a.makespanS(), b.makespanS(), a.noticeMedianMs(), b.noticeMedianMs()));
        }
        if (later.isEmpty()) {
            return "";
        }
        long longest = settings.renderMs + settings.spreadMs;
        String onAStep = longest % settings.pollMs == 0
                ? String.format(Locale.ROOT, " Here the longest renders end %.1f s after their acknowledgement, just "
                                             + "at a step of the %.1f s ladder counted from each task's own "
                                             + "acknowledgement: one poll per task (and any per-task ladder whose "
                                             + "step divides it, as the SDK's 2 s) sees the last tasks at once, "
                                             + "while the batch's phase is earlier for the tasks acknowledged last "
                                             + "and sees them a step later.",
                        longest / 1000.0, settings.pollMs / 1000.0)
                : "";
        return String.format(Locale.ROOT, """
                * **Batched polls and the last tasks.** (a) finished after (b), one poll per task, in %s. A batch \
                polls the tasks due within its early margin with the one due, so from then on they share its phase. \
                That costs no notice delay on average, but it decides which of the last tasks are seen a step \
                late.%s `BatchedPollingTest` (runware-client) replays bursts of 100 tasks acknowledged within 0.3 s \
                on a 1 s ladder in virtual time, 40 seeds each: with renders of 5 s +- 1 s the last task is seen at \
                6.98 s batched against 6.29 s alone, with 5 s +- 1.1 s at 7.00 s against 7.21 s, and with \
                5 s +- 1.25 s at 7.00 s against 7.27 s, at 0.13 poll requests per task against 5.5. Which of the \
                two finishes first comes from where the longest render falls against the ladder, not from the \
                waiting's cost.
                """, String.join(", ", later), onAStep);
    }

    /** The webhook receiver on the Vert.x router: what it cost before and after, and what is left against (a). */
    private static String webhookReceiver(List<Row> rows) {
        Row c = pick(rows, 5000, ContenderMain.COMPONENT_WEBHOOK);
        Row a = pick(rows, 5000, ContenderMain.COMPONENT_BATCHED);
        if (c == null || a == null || !Report.ok(c) || !Report.ok(a)) {
            return "";
        }
        return String.format(Locale.ROOT, """
                * **The webhook receiver.** On platform-http's Vert.x server the webhook path is a route of the \
                server's Vert.x router itself: the token, the declared size and the body are handled on the event \
                loop as the POST comes in, and only the results are taken on a Vert.x worker thread, with no Camel \
                exchange per delivery (`SeedanceWebhookTest`). Until this run it was a platform-http consumer: an \
                exchange per POST with its headers copied, a hop to a worker thread that then waited there for the \
                body read on the event loop, and the answer written back through the header filter. Run alternately \
                with main at cff5ef7 (5,000 x 1 MB, (a) then (c), two rounds each), the Vert.x threads spent %s s of \
                CPU before, %s s after; (c)'s CPU per task against (a)'s was %s before, %s after, and its makespan \
                %s before, %s after. In this run at 5,000 x 1 MB: (c) %.2f ms CPU per task against (a) %.2f, \
                makespan %.1f s against %.1f s. The rest of the difference is on the API side of the same 2 cores: \
                the simulator POSTs every result from its delivery threads, and with no polls to serve it answers \
                submits sooner, so the component's batches are smaller (%,d submit requests in (c), %,d in (a)): \
                %.2f ms of the simulator's CPU per task in (c), %.2f in (a).
                """, Previous.RECEIVER_VERTX_CPU_BEFORE, Previous.RECEIVER_VERTX_CPU_AFTER,
                Previous.RECEIVER_CPU_RATIO_BEFORE, Previous.RECEIVER_CPU_RATIO_AFTER,
                Previous.RECEIVER_MAKESPAN_RATIO_BEFORE, Previous.RECEIVER_MAKESPAN_RATIO_AFTER, c.cpuMsPerTask(),
                a.cpuMsPerTask(), c.makespanS(), a.makespanS(), c.submits(), a.submits(), c.simCpuMsPerTask(),
                a.simCpuMsPerTask());
    }

    /** Webhook deliveries the simulator had to retry (more webhook calls than tasks). */
    private static String webhookRetries(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        for (Row c : rows) {
            if (!c.contender().equals(ContenderMain.COMPONENT_WEBHOOK) || !Report.ok(c)
                || c.webhooks() <= c.workload().n()) {
                continue;
            }
            Row a = Report.find(rows, c.workload(), ContenderMain.COMPONENT_BATCHED);
            md.append(String.format(Locale.ROOT,
                    """
                            * **Webhook retries at %s.** The simulator made %,d webhook calls for %,d tasks (%.2f per task): \
                            %,d attempts got no 2xx answer from the contender's webhook server in time (the simulator gives \
                            an attempt 10 s, then retries after a backoff; statuses are in the driver's output), so those \
                            tasks were delivered late: (c) gap p50 / p99 %.1f / %.1f s, makespan %.1f s%s. Not a lost result \
                            (all %,d delivered), but at this N the 5,000 webhooks of a few seconds were more than the \
                            receiver (platform-http's Vert.x server with its defaults) and the simulator's sender, on the same 2 \
                            cores, handled within the attempt timeout (what the sender costs: *What each contender costs the \
                            API side*).
                            """,
                    c.workload().name(), c.webhooks(), c.workload().n(), c.perTask(c.webhooks()),
                    c.webhooks() - c.workload().n(), c.gapMedianMs() / 1000, c.gapP99Ms() / 1000, c.makespanS(),
                    a == null || !Report.ok(a)
                            ? ""
                            : String.format(Locale.ROOT, " against %.1f s for (a)",
                                    a.makespanS()),
                    c.delivered()));
        }
        return md.toString();
    }

    /** The reading of one baseline win, from the figures only. */
    private static String why(Row a, Row d, double tailA, double tailD) {
        List<String> reasons = new ArrayList<>();
        if (tailA > tailD + 0.5) {
            String where = a.noticeP99Ms() - d.noticeP99Ms() >= a.transferP99Ms() - d.transferP99Ms()
                    ? "waiting before the GET (notice: poll delay plus the wait for a slot of the component's "
                      + "download limiter)"
                    : "the transfers themselves";
            reasons.add(String.format(Locale.ROOT, "the component's tail after the simulator's last finish is %.1f s "
                                                   + "longer, spent in %s",
                    tailA - tailD, where));
        }
        if (a.noticeMedianMs() > d.noticeMedianMs() && a.transferMedianMs() < d.transferMedianMs()) {
            int downloads = Math.max(1, group(a, "download"));
            reasons.add(String.format(Locale.ROOT, "each of the component's transfers is faster (p50 %.1f s against "
                                                   + "%.1f s) but it runs at most %d at once (about %.0f MB/s in all "
                                                   + "at that p50), so finished tasks queue for a download thread; "
                                                   + "the baseline runs more transfers at once and, on this machine, "
                                                   + "moves more bytes per second in total",
                    a.transferMedianMs() / 1000,
                    d.transferMedianMs() / 1000, downloads,
                    downloads * (a.workload().videoBytes() / 1048576.0) / (a.transferMedianMs() / 1000)));
        }
        if (a.idealS() > d.idealS() + 0.5) {
            reasons.add(String.format(Locale.ROOT,
                    "the simulator finished the component's tasks %.1f s later than the baseline's", a.idealS()
                                                                                                     - d.idealS()));
        }
        if (a.gcMillis() > 2 * d.gcMillis() && a.gcMillis() > 0.1 * a.makespanS() * 1000) {
            reasons.add(String.format(Locale.ROOT, "the component spent %.0f%% of its run in GC",
                    100 * a.gcMillis() / (a.makespanS() * 1000)));
        }
        return reasons.isEmpty()
                ? "No single figure above stands out: within the run-to-run variance."
                : "Reading: " + String.join("; ", reasons) + ".";
    }

    private static String requests(List<Row> rows) {
        double worst = Double.NEGATIVE_INFINITY;
        String at = "";
        double fewestSubmits = Double.MAX_VALUE;
        double mostSubmits = 0;
        for (Row r : rows) {
            if (r.contender().equals(ContenderMain.COMPONENT_BATCHED) && Report.ok(r)) {
                fewestSubmits = Math.min(fewestSubmits, r.perTask(r.submits()));
                mostSubmits = Math.max(mostSubmits, r.perTask(r.submits()));
                if (Report.requests(r) / 2 - 1 > worst) {
                    worst = Report.requests(r) / 2 - 1;
                    at = r.workload().name();
                }
            }
        }
        return String.format(Locale.ROOT, """
                * **Requests.** With batching, one getResponse carries up to %d task UUIDs, so the poll requests \
                per task fall with N; each task is still looked at once per interval (the *poll uuids* column), \
                which the same schedule gives every contender. Submits that wait share a request too (up to %d \
                tasks, `submitBatchSize`): (a) sent %.2f to %.2f submit requests per task. The official SDKs send \
                one submit and one download per task, 2 requests per task at the least: (a) sent %s (worst: %s); \
                (b) and the baseline pay one request per task per interval.
                """, defaults().getMaxBatchSize(), defaults().getSubmitBatchSize(),
                fewestSubmits == Double.MAX_VALUE ? 0 : fewestSubmits, mostSubmits,
                worst < 0
                        ? String.format(Locale.ROOT, "%.0f %% fewer than that", -100 * worst)
                        : String.format(Locale.ROOT, "%.1f %% more than that", 100 * worst),
                at.isEmpty() ? "-" : at);
    }

    private static String submitPhase(List<Row> rows) {
        List<String> parts = new ArrayList<>();
        for (Row a : rows) {
            if (!a.contender().equals(ContenderMain.COMPONENT_BATCHED) || !Report.ok(a) || a.lastAcceptedS() <= 0) {
                continue;
            }
            StringBuilder others = new StringBuilder();
            for (Row other : rows) {
                if (other.workload().equals(a.workload()) && Report.ok(other) && other.lastAcceptedS() > 0
                    && (other.contender().equals(ContenderMain.BASELINE)
                        || other.contender().equals(ContenderMain.SDK_JS))) {
                    others.append(String.format(Locale.ROOT, "%s%s %.2f s", others.length() == 0 ? "" : ", ",
                            Report.label(other.contender()), other.lastAcceptedS()));
                }
            }
            parts.add(String.format(Locale.ROOT,
                    "%s: %,d submit requests for %,d tasks, the last accepted %.2f s after "
                                                 + "the start%s",
                    a.workload().name(), a.submits(), a.workload().n(), a.lastAcceptedS(),
                    others.length() == 0 ? "" : " (" + others + ")"));
        }
        if (parts.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, """
                * **Submit phase.** (a) sends the submits that wait for a request in shared ones (`submitBatchSize`, \
                up to %d tasks, as Runware's envelope documents), each task answered on its own; the route's own work \
                per exchange (mapping, validation, the task record, the cost check) runs on the caller's thread \
                before it. %s. The client makes its JSON writer of tasks and reader of answers as it is made (at the \
                component's start): until this run Jackson introspected those types in the first submit and the first \
                answer of a burst, and the other tasks of the burst waited for both (100 x 1 MB (a) against a cold \
                simulator, single runs: the first submit request %s s after the start before, %s s after; the last \
                task accepted %s s before, %s s after).
                """, defaults().getSubmitBatchSize(), String.join("; ", parts), Previous.FIRST_SUBMIT_BEFORE,
                Previous.FIRST_SUBMIT_AFTER, Previous.LAST_ACCEPTED_BEFORE, Previous.LAST_ACCEPTED_AFTER);
    }

    private static String apiSide(List<Row> rows) {
        Map<String, List<String>> byWorkload = new LinkedHashMap<>();
        for (Row r : rows) {
            if (Report.ok(r) && r.simCpuMsPerTask() > 0) {
                byWorkload.computeIfAbsent(r.workload().name(), k -> new ArrayList<>()).add(String.format(Locale.ROOT,
                        "%s %.2f", Report.label(r.contender()).replaceAll(" .*", ""), r.simCpuMsPerTask()));
            }
        }
        if (byWorkload.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        byWorkload.forEach((workload, figures) -> parts.add(workload + ": " + String.join(", ", figures)));
        return String.format(Locale.ROOT, """
                * **What each contender costs the API side.** CPU of the driver JVM (the simulator; for (e) also the \
                WebSocket bridge) from the contender's start to its end, per task, in ms: %s. It shares the 2 cores \
                with the contender: what it spends (serving polls, or in webhook mode sending every result as an \
                HTTP POST) slows the contender too, which real Runware, on its own machines, would not.%s
                """, String.join("; ", parts), webhookSender(rows));
    }

    /**
     * The simulator's webhook sender at the largest N with both (a) and (c): what a POST per task costs it now,
     * against the run before its delivery threads.
     */
    private static String webhookSender(List<Row> rows) {
        Row a = null;
        Row c = null;
        for (Row r : rows) {
            Row batched = Report.find(rows, r.workload(), ContenderMain.COMPONENT_BATCHED);
            if (r.contender().equals(ContenderMain.COMPONENT_WEBHOOK) && Report.ok(r) && r.simCpuMsPerTask() > 0
                && !r.workload().realistic() && batched != null && Report.ok(batched)
                && (c == null || r.workload().n() > c.workload().n())) {
                c = r;
                a = batched;
            }
        }
        if (c == null) {
            return "";
        }
        return String.format(Locale.ROOT, """
                 The webhooks: until the runs of 2026-12-03 the simulator sent each with the JDK client's \
                asynchronous send, \
                which finishes every answer on CompletableFuture's default executor, a new thread per answer on \
                these 2 cores (a recording of the driver during 5,000 x 1 MB (c): %,d threads started in 12 s). Its \
                `deliveryConcurrency` delivery threads now send them with the blocking send (at most 4 threads \
                started for 60 webhooks, `DeliveryTest`). Run alternately with main at 1180ca9 (5,000 x 1 MB, (a) \
                then (c), two rounds of each), the simulator spent %s ms per task more in (c) than in (a) before, \
                %s after; in this run %s %.2f against %.2f, %.2f ms more.""", Previous.SIM_THREADS_STARTED_12S,
                Previous.SIM_WEBHOOK_EXTRA_BEFORE, Previous.SIM_WEBHOOK_EXTRA_AFTER, c.workload().name(),
                c.simCpuMsPerTask(), a.simCpuMsPerTask(), c.simCpuMsPerTask() - a.simCpuMsPerTask());
    }

    private static String threads(List<Row> rows, Settings settings) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        int vertx = 0;
        int webhookPeak = 0;
        int baselineRoute = 0;
        for (Row r : rows) {
            if (!Report.ok(r)) {
                continue;
            }
            if (r.contender().equals(ContenderMain.COMPONENT_BATCHED)
                || r.contender().equals(ContenderMain.COMPONENT_UNBATCHED)) {
                min = Math.min(min, r.threadsPeakComponent());
                max = Math.max(max, r.threadsPeakComponent());
            } else if (r.contender().equals(ContenderMain.COMPONENT_WEBHOOK)) {
                vertx = Math.max(vertx, group(r, "vertx"));
                webhookPeak = Math.max(webhookPeak, r.threadsPeakComponent());
            } else if (r.contender().equals(ContenderMain.BASELINE)) {
                baselineRoute = Math.max(baselineRoute, r.threadsPeakRoute());
            }
        }
        if (max == 0) {
            return "";
        }
        return String.format(Locale.ROOT, """
                * **Threads.** The component's threads do not grow with N: %s component threads at the peak in \
                every polling run (a, b), from N = 100 to the 200 MB videos; its pools are %d threads (scheduler \
                1, workers %d, SeedanceHttp %d, SeedanceHttpIO 2, SeedanceDownload %d) plus the JDK selectors of \
                its HTTP clients (one for the API, one per download client, %d with default options, each writing \
                the bodies it reads on its selector) and, with blocking downloads, the JDK's Keep-Alive-Timer of \
                their connections. \
                Webhook mode (c) adds the HTTP server that receives the webhooks: platform-http's Vert.x server with \
                its defaults, %d Vert.x threads at most (%d component threads in all). The baseline peaks at %d route \
                threads: its %d seda consumers (sized as a user sizes them) plus Camel's delay scheduler pool, \
                whatever N is; with a synchronous delay it would hold one thread per task in flight, so at most %d \
                tasks would be in flight.
                """, min == max ? Integer.toString(max) : min + " to " + max, ownPoolThreads(),
                defaults().getWorkerPoolSize(), defaults().getHttpPoolSize(),
                io.github.camelseedance.seedance.runtime.SeedanceRuntime.downloadThreads(defaults()),
                io.github.camelseedance.seedance.runtime.SeedanceRuntime.downloadClients(defaults()), vertx,
                webhookPeak, baselineRoute, settings.baselineThreads, settings.baselineThreads);
    }

    private static String heap(List<Row> rows, Settings settings) {
        double worstGcShare = 0;
        String gcAt = "";
        StringBuilder inFlight = new StringBuilder();
        StringBuilder peaks = new StringBuilder();
        List<String> higher = new ArrayList<>();
        for (Row a : rows) {
            if (!a.contender().equals(ContenderMain.COMPONENT_BATCHED) || !Report.ok(a)) {
                continue;
            }
            double share = a.gcMillis() / (a.makespanS() * 1000);
            if (share > worstGcShare) {
                worstGcShare = share;
                gcAt = a.workload().name();
            }
            Row d = Report.find(rows, a.workload(), ContenderMain.BASELINE);
            if (d == null || !Report.ok(d)) {
                continue;
            }
            inFlight.append(String.format(Locale.ROOT, "%s %.0f / %.0f MB, ", a.workload().name(),
                    a.heapInFlightMB(), d.heapInFlightMB()));
            peaks.append(String.format(Locale.ROOT, "%s %.0f / %.0f MB, ", a.workload().name(), a.heapSampledMB(),
                    d.heapSampledMB()));
            if (a.heapSampledMB() > 1.2 * d.heapSampledMB()) {
                // garbage or live data: the largest heap left after any collection of the run tells them apart
                higher.add(String.format(Locale.ROOT, "%s (largest heap left after a collection: %.0f MB against "
                                                      + "%.0f MB)",
                        a.workload().name(), a.heapLiveMB(),
                        d.heapLiveMB()));
            }
        }
        if (gcAt.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT,
                """
                        * **Heap.** Heap after a full GC with the tasks in flight, (a) / baseline: %s(the number of tasks \
                        in flight at that instant is in brackets in the table). Peak used heap, garbage included, (a) / \
                        baseline: %s%s. The largest share of an (a) run spent in GC: %.0f %% (%s), under the %s cap. The \
                        200 MB videos are streamed to disk by the component; the baseline gets there only because it turns \
                        on stream-cache spooling (with Camel's defaults each body is cached in memory first). Peak used heap \
                        is mostly what G1 lets the young generation take of the cap, and it grows with the rate of \
                        allocation (the JDK client reads every body into 16 KB buffers): with a smaller cap \
                        (`-Dbench.childXmx`, `-Dbench.workloads=5000 -Dbench.contenders=component-batched`, run on \
                        2026-12-01, not by this run), 5,000 x 1 MB (a) ran under -Xmx80m in 17.8 s with a 65 MB peak and \
                        1.0 s of GC, main at b49f4d7 (before issue 15) in 19.6 s with 67 MB and 1.0 s; under -Xmx56m in \
                        20.9 s against 22.4 s. Heap in flight: live-heap class histograms (`jmap -histo:live`) 12 s into \
                        renders of 20 s, 100 tasks waiting in (b) (`-Dbench.renderMs=20000 -Dbench.workloads=100 \
                        -Dbench.contenders=component-unbatched`, run on 2026-12-04 alternately with main at b49f4d7, given \
                        the render time by hand there, not by this run), put the component 40 and 28 KB above b49f4d7 in two pairs of runs. A heap dump's \
                        byte arrays grouped by the object holding them: 31 KB more, nearly all the JVM's own (the strings \
                        of jar URLs and of the class path, zip file indexes, security provider descriptors), none held by \
                        the component's objects; 82 more classes loaded (9 KB of `Class` objects, 6 KB of method handles). \
                        Per waiting task about the same: the copy of the endpoint's configuration a waiting exchange held \
                        (192 bytes) and one stage of its wait (40) are gone, 216 bytes came (the poll plan, its ladder and \
                        the render key 128, the wait's new fields 40, the message's configuration and its settlement 40, \
                        the wait policy 8). The fixed difference is code, not data.
                        """,
                inFlight.toString().replaceAll(", $", " "), peaks.toString().replaceAll(", $", ""),
                higher.isEmpty()
                        ? ""
                        : "; the component's peak is more than 20 % above the baseline's at "
                          + String.join("; ", higher),
                100 * worstGcShare, gcAt, settings.childXmx);
    }

    /** A fresh component: its option defaults, read rather than restated. */
    static io.github.camelseedance.seedance.SeedanceComponent defaults() {
        return new io.github.camelseedance.seedance.SeedanceComponent();
    }

    /** Threads of the component's own pools with default options, the JDK selector excluded (SeedanceHttpIO is 2). */
    static int ownPoolThreads() {
        var c = defaults();
        return 1 + c.getWorkerPoolSize() + c.getHttpPoolSize() + 2
               + io.github.camelseedance.seedance.runtime.SeedanceRuntime.downloadThreads(c);
    }

    /** Peak thread count of one component group in a run (see {@link ResourceProbe#componentGroup}). */
    static int group(Row r, String name) {
        for (String entry : r.componentGroups().split(",")) {
            String[] kv = entry.split("=");
            if (kv.length == 2 && kv[0].equals(name)) {
                return Integer.parseInt(kv[1]);
            }
        }
        return 0;
    }

    /** The component groups of a run as "scheduler 1, worker 4, ...", in a fixed order. */
    static String groups(Row r) {
        StringBuilder sb = new StringBuilder();
        for (String g : List.of("scheduler", "worker", "http", "httpIO", "download", "selector", "jdkKeepAlive",
                "jdkAsync", "otherSeedance", "jdkHttpClientOther", "vertx")) {
            int n = group(r, g);
            if (n > 0 || g.equals("jdkAsync")) {
                sb.append(switch (g) {
                    case "scheduler" -> "SeedanceScheduler ";
                    case "worker" -> "SeedanceWorker ";
                    case "http" -> "SeedanceHttp ";
                    case "httpIO" -> "SeedanceHttpIO ";
                    case "download" -> "SeedanceDownload ";
                    case "selector" -> "JDK selector ";
                    case "jdkKeepAlive" -> "JDK Keep-Alive-Timer ";
                    case "jdkAsync" -> "JDK `Thread-N` ";
                    case "vertx" -> "Vert.x ";
                    default -> g + " ";
                }).append(n).append(", ");
            }
        }
        return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 2);
    }

    static Row pick(List<Row> rows, int n, String contender) {
        return rows.stream().filter(r -> r.workload().n() == n && r.workload().videoBytes() < 10L * 1024 * 1024
                                         && !r.workload().realistic() && r.contender().equals(contender))
                .findFirst().orElse(null);
    }
}
