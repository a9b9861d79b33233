package io.github.camelseedance.examples.benchmark;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.camelseedance.examples.benchmark.BenchmarkDriver.Row;
import io.github.camelseedance.examples.benchmark.BenchmarkDriver.Settings;
import io.github.camelseedance.examples.benchmark.BenchmarkDriver.Workload;

/** Formats the rows: a console line per run, the console table, and docs/benchmarks.md. */
final class Report {

    private Report() {
    }

    static String line(Row r) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   %s: %s", r.contender(), cells(r)));
        if (!r.cpuByThread().isEmpty()) {
            line.append(String.format(Locale.ROOT, "%n      cpu ms by thread: %s", cpuByThread(r, 8)));
        }
        if (r.profile().present()) {
            line.append(String.format(Locale.ROOT, "%n      jfr top frames (self, %d samples): %s%n      innermost "
                                                   + "camelseedance frame (%.0f %% of samples): %s",
                    r.profile().samples(), r.profile().top(r.profile().self(), 8),
                    100.0 * r.profile().oursSamples() / r.profile().samples(),
                    r.profile().top(r.profile().ours(), 8)));
        }
        return line.toString();
    }

    /** The first thread groups of a run's CPU split, "name ms, ...". */
    static String cpuByThread(Row r, int count) {
        List<String> parts = new java.util.ArrayList<>();
        for (String entry : r.cpuByThread().split(",")) {
            int eq = entry.lastIndexOf('=');
            if (eq > 0 && parts.size() < count) {
                parts.add(entry.substring(0, eq) + " " + entry.substring(eq + 1) + " ms");
            }
        }
        return String.join(", ", parts);
    }

    /** A row's makespan, with those of every run when its workload ran more than once. */
    static String makespan(Row r) {
        return String.format(Locale.ROOT, "%.1f s", r.makespanS())
               + (r.makespans() == null || r.makespans().isEmpty() ? "" : " (median of " + r.makespans() + ")");
    }

    /** What the runs of each contender were: one each, or several in some workloads (bench.repeats). */
    static String repeated(List<Row> rows) {
        java.util.Set<String> workloads = new java.util.LinkedHashSet<>();
        for (Row r : rows) {
            if (r.makespans() != null && !r.makespans().isEmpty()) {
                workloads.add(r.workload().name());
            }
        }
        return workloads.isEmpty()
                ? "One run per contender: repeat for variance."
                : "One run per contender, except in " + String.join(" and ", workloads) + ": several runs each there "
                  + "(`bench.repeats`), so that no verdict there rests on one run's luck (the phase of the poll "
                  + "ladder against the renders, the disk under 10 GB of video, a slow spell of the shared machine: "
                  + "the runs go round the contenders, so such a spell falls on all of them); the figures of those "
                  + "workloads are the run with the median makespan, the makespan verdicts give every run's, and "
                  + "the CPU verdicts compare the median CPU per task of the runs.";
    }

    /** The CPU time, in ms, of one thread group of a run's CPU split; 0 when it has none. */
    static double cpuMs(Row r, String group) {
        for (String entry : r.cpuByThread().split(",")) {
            int eq = entry.lastIndexOf('=');
            if (eq > 0 && entry.substring(0, eq).equals(group)) {
                return Double.parseDouble(entry.substring(eq + 1));
            }
        }
        return 0;
    }

    private static String cells(Row r) {
        if (!r.available()) {
            return "not run";
        }
        return String.format(Locale.ROOT,
                "delivered %d/%d failed %d, makespan %.1f s (sim last finish %.1f s), gap p50 %.0f ms p99 %.0f ms (notice p50 %.0f p99 %.0f, transfer p50 %.0f p99 %.0f), "
                                          + "in flight %d, threads route %d / component %d / jvm %d, heap peak %.0f MB live %.0f MB, "
                                          + "per task: submit %.2f poll %.2f (uuids %.2f) download %.2f webhook %.2f, cpu %.2f ms/task%s",
                r.delivered(), r.workload().n(), r.failed(), r.makespanS(), r.idealS(), r.gapMedianMs(),
                r.gapP99Ms(), r.noticeMedianMs(), r.noticeP99Ms(), r.transferMedianMs(), r.transferP99Ms(),
                r.peakInFlight(), r.threadsPeakRoute(), r.threadsPeakComponent(), r.threadsPeakJvm(),
                r.heapPoolsMB(), r.heapLiveMB(), r.perTask(r.submits()), r.perTask(r.polls()),
                r.perTask(r.pollUuids()), r.perTask(r.downloads()), r.perTask(r.webhooks()), r.cpuMsPerTask(),
                r.firstFailure().isEmpty() ? "" : " first failure: " + r.firstFailure());
    }

    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-16s %-20s %9s %9s %8s %8s %6s %6s %6s %7s %7s %6s %6s %6s %6s %7s%n",
                "workload", "contender", "makespan", "simLast", "gapP50", "gapP99", "thrRt", "thrCmp", "thrJvm",
                "heapMB", "liveMB", "sub/t", "poll/t", "dl/t", "wh/t", "cpuMs/t"));
        for (Row r : rows) {
            if (!r.available()) {
                sb.append(String.format(Locale.ROOT, "%-16s %-20s %s%n", r.workload().name(), r.contender(),
                        "not run"));
                continue;
            }
            sb.append(String.format(Locale.ROOT,
                    "%-16s %-20s %8.1fs %8.1fs %8.0f %8.0f %6d %6d %6d %7.0f %7.0f %6.2f %6.2f %6.2f %6.2f %7.2f%s%n",
                    r.workload().name(), r.contender(), r.makespanS(), r.idealS(), r.gapMedianMs(), r.gapP99Ms(),
                    r.threadsPeakRoute(), r.threadsPeakComponent(), r.threadsPeakJvm(), r.heapPoolsMB(),
                    r.heapLiveMB(), r.perTask(r.submits()), r.perTask(r.polls()), r.perTask(r.downloads()),
                    r.perTask(r.webhooks()), r.cpuMsPerTask(),
                    r.failed() > 0 || !r.completed() ? "  FAILED " + r.failed() + ": " + r.firstFailure() : ""));
        }
        return sb.toString();
    }

    static String markdown(List<Row> rows, Settings settings, Duration took, String date) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append(
                """
                        Does one JVM with the seedance component keep thousands of generations in flight on a handful of \
                        threads, with the fewest API calls the protocol allows, and deliver sooner than the alternatives? \
                        Measured against the Runware simulator, side by side with the route a Camel user writes today without \
                        the component and with Runware's official JavaScript SDK.

                        **Run it** (about %d minutes on the machine below, build included; not part of `mvn verify`; needs \
                        `node` and `npm` on the PATH for contender (e), which is installed from the npm registry into \
                        `target/` at the first run):

                        ```
                        mvn -B -Pbenchmark -pl camel-seedance-examples -am verify -DskipTests
                        ```

                        It rewrites this file and [benchmarks.png](benchmarks.png). Options (Maven properties): \
                        `-Dbench.workloads=%s` (a task count of 1 MB videos, `big` for the big videos, `real` for the \
                        realistic workload), `-Dbench.contenders=%s`, `-Dbench.renderMs=5000`, `-Dbench.spreadMs=1000` \
                        and `-Dbench.pollMs=1000` (the fast workloads: renders of 5 s +- 1 s, polls 1 s apart), \
                        `-Dbench.realN=%d` and `-Dbench.timeScale=%s` (the realistic workload), `-Dbench.repeats=%s` (workloads run several times per contender, \
                        the run with the median makespan reported, the CPU targets judged by the median CPU of the \
                        runs; `big` and `real` name those workloads), \
                        `-Dbench.childXmx=256m` (the heap of every contender JVM), `-Dbench.warmup=false` (no \
                        unmeasured warm-up round, see the set-up), \
                        `-Dbench.jfr=true` (each contender JVM under JDK Flight Recorder: top frames in \
                        the raw output and the findings, and in the raw output the JIT's compile time in the workload \
                        by package and by method; its CPU figures then include the recorder's), \
                        `-Dbench.docsDir=DIR` (write the report elsewhere), `-Dbench.reportOnly=true` (rewrite it from the \
                        last run's figures), `-Dbench.before=FILE -Dbench.beforeLabel=TEXT` (the `rows.ser` of an earlier \
                        run: its component rows beside this run's, in *Before and after*). Raw figures, every contender's log and the \
                        profiles: `camel-seedance-examples/target/benchmark/`.

                        """
                        .formatted(Math.max(1, Math.round((took.toSeconds() + 60) / 60.0)),
                                BenchmarkDriver.DEFAULT_WORKLOADS, BenchmarkDriver.DEFAULT_CONTENDERS, settings.realN,
                                number(settings.timeScale), BenchmarkDriver.DEFAULT_REPEATS));
        md.append("Last run: ").append(date).append(", ").append(machine()).append(". Measuring took ")
                .append(took.toSeconds()).append(" s.\n\n");
        md.append("![benchmark chart](benchmarks.png)\n\n");

        md.append("## Set-up\n\n");
        md.append(String.format(Locale.ROOT,
                """
                        * **Simulator** (fast mode: synthetic videos streamed, never held): render time %d ms +- %d ms \
                        (uniform, seed 42), %d HTTP threads, in the **driver JVM**, so its threads, heap and CPU are never \
                        counted against a contender. Requests are counted from its journal (webhook attempts and their \
                        statuses too); task finish instants come from `SimulatedTask.finishedAt()`. **Warm-up**: before \
                        the measured runs, every contender runs once at 100 x 1 MB, unmeasured, so that the simulator's \
                        code (and the WebSocket bridge's) is compiled for the first measured run as for the others, as \
                        Runware's servers are warm for any client: cold, the simulator answered the first submit of a \
                        run in about 0.26 s instead of 0.07 s, a handicap that fell on whichever contender ran first.
                        * **Workloads**: N tasks submitted at once (480p, 5 s, Mini), videos of the given size delivered to \
                        files (the file is deleted once the exchange is done, so the disk holds only what is in flight).
                        * **Same poll ladder for every Camel contender in these workloads**: first poll %d ms after \
                        submit, then every %d ms (component: `initialPollDelay=pollInterval=maxPollInterval=%d`, \
                        `pollMultiplier=1.0`). The component keeps its default `pollSchedule=learned` on top of that \
                        ladder, as a user gets it: once it has seen 5 renders of a model, resolution and duration, it \
                        polls each task around its expected finish and never more often by then than the ladder. The \
                        official SDK (e) has no poll option: it polls on its own schedule.
                        * **Realistic workload** (%s, `real`): %,d tasks, renders of %d s +- %d s (uniform), 1 MB videos. \
                        What counts here is requests per task and the delay between a task finishing and its video \
                        being at the sink. **Every contender waits on its own, natural schedule**: the component on its \
                        default poll options (first poll %d s after submit, then %d s growing x%s up to %d s), the \
                        baseline on its fixed %d ms delay, the SDK on its own interval. **Time is scaled by %s**: the \
                        simulator renders in %d ms +- %d ms (the simulated times divided by %s) and every time a \
                        contender waits is divided by the same factor (the component's poll options and the baseline's \
                        delay are set to their value / %s; in the SDK's Node process every `setTimeout` and \
                        `setInterval` runs %s times sooner), so the run takes what %s times as long would take in real \
                        time. The workload's own table gives its delays and makespans in simulated seconds (measured \
                        x %s); the results table and the chart show them as measured; requests and CPU per task are \
                        as measured. What is not scaled: HTTP and CPU time, so submits, \
                        polls and downloads weigh %s times more in simulated time than they would for real.
                        * **Each Java contender runs in its own JVM**, forked by the driver: `-Xmx%s -Xss512k`, default \
                        GC (G1), same classpath. The SDK runs in its own Node process (`node --expose-gc \
                        --max-old-space-size=%d`). Figures are that process's only.
                        * Contenders:
                          * **(a) component-batched**: `from(direct).to("seedance:generate?...").to("file:out")`, defaults \
                        (batchPolling=%b, maxBatchSize=%d, submitBatchSize=%d, workerPoolSize=%d, httpPoolSize=%d, \
                        adaptiveDownloads=%b, maxConcurrentDownloads=%d). \
                        The N exchanges are sent at once through an async producer.
                          * **(b) component-unbatched**: the same with `batchPolling=false` (one getResponse per task).
                          * **(c) component-webhook**: the same route with `webhookPublicUrl` and `webhookToken` set on the \
                        component: `generate` sends the webhook URL and waits for the simulator to POST the result to the \
                        component's webhook path, served on platform-http's Vert.x server in the contender JVM (a \
                        route of its Vert.x router) \
                        (`webhookGracePeriod=5m`, so no fallback polling starts during a run).
                          * **(d) baseline**: what a Camel user writes today: `from("seda:videos?concurrentConsumers=%d")`, \
                        camel-http + Jackson: POST the videoInference task, `loopDoWhile(videoURL == null)` { `delay(%d)`, \
                        POST getResponse for its own UUID }, GET the video (stream caching with `spoolEnabled=true`, so \
                        bodies over 128 KB go to a temporary file), `to("file:out")`. HTTP pool sized to the consumers \
                        (`connectionsPerRoute=maxTotalConnections=%d`). The delay is Camel's default, asynchronous: a \
                        waiting exchange is parked on Camel's delay scheduler, not on a seda thread.
                          * **(e) official SDK**: what a Node user writes with Runware's `@runware/sdk-js` (pinned in \
                        `src/test/node/sdk-js`): one `RunwareServer` connection, N `videoInference` calls at once, each \
                        awaited (the SDK's own waiting: it submits with `deliveryMethod: "async"` and polls \
                        `getResponse` for that task every 2 s over its WebSocket), then `fetch` the video and stream it \
                        to a file. The SDK speaks only Runware's WebSocket transport, so the driver puts a WebSocket \
                        endpoint in front of the simulator (`WebSocketBridge`, in the driver JVM): every message the \
                        SDK sends is forwarded unchanged as one REST request and the simulator's answer is sent back \
                        unchanged, so each SDK message is a counted request like any other contender's; the bridge \
                        itself only answers the SDK's heartbeat pings. Threads: the Node process's (Linux) threads; \
                        heap: V8's used heap.

                        """,
                settings.renderMs, settings.spreadMs, settings.simHttpThreads, settings.pollMs, settings.pollMs,
                settings.pollMs, realisticName(settings), settings.realN, settings.realRenderMs / 1000,
                settings.realSpreadMs / 1000, Targets.defaults().getConfiguration().getInitialPollDelay() / 1000,
                Targets.defaults().getConfiguration().getPollInterval() / 1000,
                number(Targets.defaults().getConfiguration().getPollMultiplier()),
                Targets.defaults().getConfiguration().getMaxPollInterval() / 1000, settings.pollMs,
                number(settings.timeScale), Math.round(settings.realRenderMs / settings.timeScale),
                Math.round(settings.realSpreadMs / settings.timeScale), number(settings.timeScale),
                number(settings.timeScale), number(settings.timeScale), number(settings.timeScale),
                number(settings.timeScale), number(settings.timeScale), settings.childXmx,
                BenchmarkDriver.megabytes(settings.childXmx), Targets.defaults().isBatchPolling(),
                Targets.defaults().getMaxBatchSize(), Targets.defaults().getSubmitBatchSize(),
                Targets.defaults().getWorkerPoolSize(),
                Targets.defaults().getHttpPoolSize(), Targets.defaults().isAdaptiveDownloads(),
                Targets.defaults().getMaxConcurrentDownloads(), settings.baselineThreads, settings.pollMs,
                settings.baselineThreads));

        md.append(
                """
                        **Figures.** *Makespan*: first submit to last exchange done. *Sim last finish*: when the simulator \
                        finished the last task, counted from the same start: no client can beat it. *Gap*: simulator \
                        finished a task -> its exchange completed (file written), split into *notice* (finish -> the \
                        video's GET reaches the simulator: the poll delay plus any wait for a download thread) and *transfer* (GET -> exchange done). \
                        *In flight*: most tasks accepted by the simulator and not yet delivered at one instant. *Threads*: \
                        the process's peak live thread count (JVM: ThreadMXBean, every Java thread, Camel's, the probe's and the \
                        JVM's own; Node: Linux's count), and the peak of the route's threads (Camel pool threads + HTTP client threads, sampled every \
                        50 ms); for the component also its own threads (its pools SeedanceScheduler, SeedanceWorker, \
                        SeedanceHttp, SeedanceHttpIO and SeedanceDownload, the JDK HttpClient selectors (one per HTTP client: the API client and the download clients), any JDK `Thread-N` \
                        thread, and in webhook mode the Vert.x threads of the webhook server). *Threads started*: threads \
                        the JVM started during the workload, pools filling up included (ThreadMXBean). *Heap in flight*: heap used \
                        right after one full GC taken 0.5 s before the shortest render can finish (%.1f s after the start; %.1f s \
                        in the realistic workload): the memory it takes to keep the tasks waiting (how many were in flight then is in brackets; at N = 5,000 the \
                        submits are still going on). *Peak heap*: largest used heap sampled \
                        every 50 ms (garbage included, bounded by -Xmx). *Peak RSS*: largest resident set of the \
                        process sampled every 50 ms (heap, metaspace, code, thread stacks, buffers: the memory the \
                        machine gives it). *Requests per task*: HTTP requests the simulator \
                        received, by kind, divided by N (a batched poll of 50 tasks is one request; *poll uuids* counts \
                        task entries in polls). *CPU*: the contender process's CPU time during the workload / N \
                        (all its threads: JIT compiler and GC included).

                        """
                        .formatted(settings.workload("100").inFlightGcAtMs() / 1000.0,
                                settings.workload("real").inFlightGcAtMs() / 1000.0));

        md.append("## Results\n\n");
        md.append("| Workload | Contender | Delivered | Makespan s | Sim last finish s | Gap p50 / p99 ms "
                  + "| Notice p50 / p99 ms | Transfer p50 / p99 ms | In flight | Threads: route / component / process "
                  + "peak | Threads started | Heap in flight MB (tasks then) | Peak heap MB | Peak RSS MB | GC ms "
                  + "| Submit / poll / download / webhook per task | Poll uuids per task | CPU ms per task |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.workload().name()).append(" | ").append(label(r.contender())).append(" | ");
            if (!r.available()) {
                md.append("not run ||||||||||||||||\n");
                continue;
            }
            if (!r.completed() || r.failed() > 0 && r.delivered() == 0) {
                md.append(String.format(Locale.ROOT, "%d / %d, **failed**: %s ||||||||||||||||%n", r.delivered(),
                        r.workload().n(), r.firstFailure().replace('|', '/').replace('\n', ' ')));
                continue;
            }
            md.append(String.format(Locale.ROOT,
                    "%d / %d%s | %.1f | %.1f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %d | %d / %s / %d | %s "
                                                 + "| %.0f (%d) | %.0f | %.0f | %d | %.2f / %.2f / %.2f / %.2f | %.2f | %.1f |%n",
                    r.delivered(), r.workload().n(), r.failed() > 0 ? " (" + r.failed() + " failed)" : "",
                    r.makespanS(), r.idealS(), r.gapMedianMs(), r.gapP99Ms(), r.noticeMedianMs(), r.noticeP99Ms(),
                    r.transferMedianMs(), r.transferP99Ms(), r.peakInFlight(), r.threadsPeakRoute(),
                    isComponent(r) ? Integer.toString(r.threadsPeakComponent()) : "-", r.threadsPeakJvm(),
                    r.threadsStarted() < 0 ? "-" : Long.toString(r.threadsStarted()), r.heapInFlightMB(),
                    r.inFlightAtGc(), r.heapSampledMB(), r.rssPeakMB(), r.gcMillis(), r.perTask(r.submits()),
                    r.perTask(r.polls()), r.perTask(r.downloads()), r.perTask(r.webhooks()), r.perTask(r.pollUuids()),
                    r.cpuMsPerTask()));
        }
        String skip = System.getProperty("bench.skip", "").trim();
        if (!skip.isEmpty()) {
            md.append("\nLeft out of this run to keep it under 10 minutes on this machine (`bench.skip`): `")
                    .append(skip).append("`; run with `-Dbench.skip=` to include them.\n");
        }
        md.append("\n");
        md.append(realistic(rows));

        md.append("## Baseline beside the component\n\n");
        md.append("Ratios baseline (d) / component batched (a), same workload, same run; > 1 means the baseline "
                  + "needs more.\n\n");
        md.append(
                "| Workload | Route threads (peak) | Makespan | HTTP requests per task (all kinds) | Poll requests per "
                  + "task | CPU per task | Heap in flight |\n|---|---|---|---|---|---|---|\n");
        for (Row a : rows) {
            if (!a.contender().equals(ContenderMain.COMPONENT_BATCHED) || !ok(a)) {
                continue;
            }
            Row d = find(rows, a.workload(), ContenderMain.BASELINE);
            if (d == null || !ok(d)) {
                md.append("| ").append(a.workload().name()).append(" | baseline did not complete |||||\n");
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d / %d = **%.1fx** | %.1f / %.1f s = **%.2fx** "
                                                 + "| %.2f / %.2f = **%.1fx** | %.2f / %.2f = **%.0fx** "
                                                 + "| %.1f / %.1f ms = **%.2fx** | %.0f / %.0f MB = **%.1fx** |%n",
                    a.workload().name(), d.threadsPeakRoute(), a.threadsPeakRoute(),
                    ratio(d.threadsPeakRoute(), a.threadsPeakRoute()), d.makespanS(), a.makespanS(),
                    ratio(d.makespanS(), a.makespanS()), requests(d), requests(a), ratio(requests(d), requests(a)),
                    d.perTask(d.polls()), a.perTask(a.polls()), ratio(d.polls(), a.polls()), d.cpuMsPerTask(),
                    a.cpuMsPerTask(), ratio(d.cpuMsPerTask(), a.cpuMsPerTask()), d.heapInFlightMB(),
                    a.heapInFlightMB(), ratio(d.heapInFlightMB(), a.heapInFlightMB())));
        }
        md.append("\n");
        md.append(sdkBeside(rows));
        md.append(PerformanceTargets.markdown(rows, settings));
        md.append(BeforeAfter.section(rows));
        md.append(Targets.markdown(rows, settings));
        md.append(Targets.findings(rows, settings));
        md.append(Findings.sdk(rows));
        md.append(Findings.profiles(rows));
        return md.toString();
    }

    static String realisticName(Settings settings) {
        return settings.workload("real").name();
    }

    /** The realistic workload in simulated seconds: requests per task and the delays a user feels. */
    private static String realistic(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        for (Row r : rows) {
            if (!r.workload().realistic() || !ok(r)) {
                continue;
            }
            if (md.length() == 0) {
                md.append(String.format(Locale.ROOT, """
                        ## Realistic workload, in simulated time

                        %s, every contender on its own schedule; delays and makespan in simulated seconds (measured \
                        x %s, see the set-up).

                        | Contender | Requests per task (all kinds) | Submit / poll / download / webhook per task \
                        | Poll uuids per task | Finished -> at the sink (gap) p50 / p99 s | Notice p50 / p99 s \
                        | Makespan s | Sim last finish s | CPU ms per task |
                        |---|---|---|---|---|---|---|---|---|
                        """, r.workload().name(), number(r.workload().timeScale())));
            }
            Workload w = r.workload();
            md.append(String.format(Locale.ROOT,
                    "| %s | %.2f | %.2f / %.2f / %.2f / %.2f | %.2f | %.1f / %.1f | %.1f / %.1f | %.0f | %.0f | %.1f |%n",
                    label(r.contender()), requests(r), r.perTask(r.submits()), r.perTask(r.polls()),
                    r.perTask(r.downloads()), r.perTask(r.webhooks()), r.perTask(r.pollUuids()),
                    w.simulatedS(r.gapMedianMs()), w.simulatedS(r.gapP99Ms()), w.simulatedS(r.noticeMedianMs()),
                    w.simulatedS(r.noticeP99Ms()), w.simulatedS(r.makespanS() * 1000),
                    w.simulatedS(r.idealS() * 1000), r.cpuMsPerTask()));
        }
        return md.length() == 0 ? "" : md.append('\n').toString();
    }

    /** The official SDK (e) beside the component (a): ratios e / a. */
    private static String sdkBeside(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        for (Row a : rows) {
            Row e = find(rows, a.workload(), ContenderMain.SDK_JS);
            if (!a.contender().equals(ContenderMain.COMPONENT_BATCHED) || !ok(a) || e == null) {
                continue;
            }
            if (md.length() == 0) {
                md.append("## The official SDK beside the component\n\n");
                md.append("Ratios official SDK (e) / component batched (a), same workload, same run; > 1 means the "
                          + "SDK needs more.\n\n");
                md.append("| Workload | Makespan | HTTP requests per task (all kinds) | Poll requests per task "
                          + "| CPU per task | Peak RSS | Process threads (peak) |\n|---|---|---|---|---|---|---|\n");
            }
            if (!ok(e) || e.failed() > 0) {
                md.append(String.format(Locale.ROOT, "| %s | SDK: %d / %d delivered: %s ||||||%n",
                        a.workload().name(), e.delivered(), e.workload().n(),
                        e.firstFailure().replace('|', '/').replace('\n', ' ')));
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.1f / %.1f s = **%.2fx** | %.2f / %.2f = **%.1fx** "
                                                 + "| %.2f / %.2f = **%.0fx** | %.1f / %.1f ms = **%.2fx** "
                                                 + "| %.0f / %.0f MB = **%.2fx** | %d / %d = **%.1fx** |%n",
                    a.workload().name(), e.makespanS(), a.makespanS(), ratio(e.makespanS(), a.makespanS()),
                    requests(e), requests(a), ratio(requests(e), requests(a)), e.perTask(e.polls()),
                    a.perTask(a.polls()), ratio(e.polls(), a.polls()), e.cpuMsPerTask(), a.cpuMsPerTask(),
                    ratio(e.cpuMsPerTask(), a.cpuMsPerTask()), e.rssPeakMB(), a.rssPeakMB(),
                    ratio(e.rssPeakMB(), a.rssPeakMB()), e.threadsPeakJvm(), a.threadsPeakJvm(),
                    ratio(e.threadsPeakJvm(), a.threadsPeakJvm())));
        }
        return md.length() == 0 ? "" : md.append('\n').toString();
    }

    /** 10.0 -> "10", 1.5 -> "1.5". */
    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static boolean ok(Row r) {
        return r.available() && r.completed() && r.delivered() > 0;
    }

    static boolean isComponent(Row r) {
        return r.contender().startsWith("component");
    }

    static double requests(Row r) {
        return r.perTask(r.submits() + r.polls() + r.downloads() + r.webhooks());
    }

    static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    /** For each workload where (a) and the other contender both completed: {(a)'s row, the other's}. */
    static List<Row[]> besideBatched(List<Row> rows, String other) {
        List<Row[]> pairs = new java.util.ArrayList<>();
        for (Row a : rows) {
            Row o = a.contender().equals(ContenderMain.COMPONENT_BATCHED) && ok(a)
                    ? find(rows, a.workload(), other)
                    : null;
            if (o != null && ok(o)) {
                pairs.add(new Row[]{ a, o });
            }
        }
        return pairs;
    }

    static Row find(List<Row> rows, BenchmarkDriver.Workload workload, String contender) {
        return rows.stream().filter(r -> r.workload().equals(workload) && r.contender().equals(contender))
                .findFirst().orElse(null);
    }

    static String label(String contender) {
        return switch (contender) {
            case ContenderMain.COMPONENT_BATCHED -> "(a) component, batched";
            case ContenderMain.COMPONENT_UNBATCHED -> "(b) component, unbatched";
            case BenchmarkDriver.WEBHOOK -> "(c) component, webhook";
            case ContenderMain.BASELINE -> "(d) baseline camel-http";
            case ContenderMain.SDK_JS -> "(e) official SDK, sdk-js";
            default -> contender;
        };
    }

    /** CPU model, cores, memory, OS and JDK of this machine. */
    static String machine() {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: keep what we have
        }
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GB RAM, %s %s, %s %s", cpu,
                Runtime.getRuntime().availableProcessors(), memKb / 1024.0 / 1024.0, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"));
    }
}
