package io.github.camelseedance.examples.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.camelseedance.examples.benchmark.BenchmarkDriver.Row;
import io.github.camelseedance.examples.benchmark.BenchmarkDriver.Settings;

/** Formats the rows: a console line per run, the console table, and docs/benchmarks.md. */
final class Report {

    private Report() {
    }

    static String line(Row r) {
        return String.format(Locale.ROOT, "   %s: %s", r.contender(), cells(r));
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

    static String markdown(List<Row> rows, Settings settings, Duration took, String date) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("""
                Does one JVM with the seedance component keep thousands of generations in flight on a handful of \
                threads, with the fewest API calls the protocol allows? Measured against the Runware simulator, side \
                by side with the route a Camel user writes today without the component.

                **Run it** (about %d minutes on the machine below, build included; not part of `mvn verify`):

                ```
                mvn -B -Pbenchmark -pl camel-seedance-examples -am verify -DskipTests
                ```

                It rewrites this file and [benchmarks.png](benchmarks.png). Options (Maven properties): \
                `-Dbench.workloads=100,1000,5000,big`, \
                `-Dbench.contenders=component-batched,component-unbatched,component-webhook,baseline`. \
                Raw figures and every contender JVM's log: `camel-seedance-examples/target/benchmark/`.

                """.formatted(Math.max(1, Math.round((took.toSeconds() + 60) / 60.0))));
        md.append("Last run: ").append(date).append(", ").append(machine()).append(". Measuring took ")
                .append(took.toSeconds()).append(" s.\n\n");
        md.append("![benchmark chart](benchmarks.png)\n\n");

        md.append("## Set-up\n\n");
        md.append(String.format(Locale.ROOT,
                """
                        * **Simulator** (fast mode: synthetic videos streamed, never held): render time %d ms +- %d ms \
                        (uniform, seed 42), %d HTTP threads, in the **driver JVM**, so its threads, heap and CPU are never \
                        counted against a contender. Requests are counted from its journal; task finish instants come from \
                        `SimulatedTask.finishedAt()`.
                        * **Workloads**: N tasks submitted at once (480p, 5 s, Mini), videos of the given size delivered to \
                        files (the file is deleted once the exchange is done, so the disk holds only what is in flight).
                        * **Same poll schedule for every contender**: first poll %d ms after submit, then every %d ms \
                        (component: `initialPollDelay=pollInterval=maxPollInterval=%d`, `pollMultiplier=1.0`).
                        * **Each contender runs in its own JVM**, forked by the driver: `-Xmx%s -Xss512k`, default GC (G1), \
                        same classpath. Figures are that JVM's only.
                        * Contenders:
                          * **(a) component-batched**: `from(direct).to("seedance:generate?...").to("file:out")`, defaults \
                        (batchPolling=%b, maxBatchSize=%d, workerPoolSize=%d, httpPoolSize=%d, adaptiveDownloads=%b, \
                        maxConcurrentDownloads=%d). \
                        The N exchanges are sent at once through an async producer.
                          * **(b) component-unbatched**: the same with `batchPolling=false` (one getResponse per task).
                          * **(c) component-webhook**: the same route with `webhookPublicUrl` and `webhookToken` set on the \
                        component: `generate` sends the webhook URL and waits for the simulator to POST the result to the \
                        component's webhook path, served by platform-http on Vert.x in the contender JVM \
                        (`webhookGracePeriod=5m`, so no fallback polling starts during a run).
                          * **(d) baseline**: what a Camel user writes today: `from("seda:videos?concurrentConsumers=%d")`, \
                        camel-http + Jackson: POST the videoInference task, `loopDoWhile(videoURL == null)` { `delay(%d)`, \
                        POST getResponse for its own UUID }, GET the video (stream caching with `spoolEnabled=true`, so bodies over 128 KB go to a temporary file), \
                        `to("file:out")`. HTTP pool sized to the consumers (`connectionsPerRoute=maxTotalConnections=%d`). \
                        The delay is Camel's default, asynchronous: a waiting exchange is parked on Camel's delay scheduler, \
                        not on a seda thread.

                        """,
                settings.renderMs, settings.spreadMs, settings.simHttpThreads, settings.pollMs, settings.pollMs,
                settings.pollMs, settings.childXmx, Targets.defaults().isBatchPolling(),
                Targets.defaults().getMaxBatchSize(), Targets.defaults().getWorkerPoolSize(),
                Targets.defaults().getHttpPoolSize(), Targets.defaults().isAdaptiveDownloads(),
                Targets.defaults().getMaxConcurrentDownloads(),
                settings.baselineThreads, settings.pollMs,
                settings.baselineThreads));

        md.append(
                """
                        **Figures.** *Makespan*: first submit to last exchange done. *Sim last finish*: when the simulator \
                        finished the last task, counted from the same start: no client can beat it. *Gap*: simulator \
                        finished a task -> its exchange completed (file written), split into *notice* (finish -> the \
                        video's GET reaches the simulator: the poll delay plus any wait for a download thread) and *transfer* (GET -> exchange done). \
                        *In flight*: most tasks accepted by the simulator and not yet delivered at one instant. *Threads*: \
                        the JVM's peak live thread count (ThreadMXBean: every Java thread, Camel's, the probe's and the \
                        JVM's own), and the peak of the route's threads (Camel pool threads + HTTP client threads, sampled every \
                        50 ms); for the component also its own threads (its pools SeedanceScheduler, SeedanceWorker, \
                        SeedanceHttp, SeedanceHttpIO and SeedanceDownload, the JDK HttpClient selector, any JDK `Thread-N` \
                        thread, and in webhook mode the Vert.x threads of the webhook server). *Threads started*: threads \
                        the JVM started during the workload, pools filling up included (ThreadMXBean). *Heap in flight*: heap used \
                        right after one full GC taken 3.5 s after the start, before any task has finished: the memory it \
                        takes to keep the tasks waiting (how many were in flight then is in brackets; at N = 5,000 the \
                        submits are still going on). *Peak heap*: largest used heap sampled \
                        every 50 ms (garbage included, bounded by -Xmx). *Requests per task*: HTTP requests the simulator \
                        received, by kind, divided by N (a batched poll of 50 tasks is one request; *poll uuids* counts \
                        task entries in polls). *CPU*: the contender process's CPU time during the workload / N.

                        """);

        md.append("## Results\n\n");
        md.append("| Workload | Contender | Delivered | Makespan s | Sim last finish s | Gap p50 / p99 ms "
                  + "| Notice p50 / p99 ms | Transfer p50 / p99 ms | In flight | Threads: route / component / JVM peak "
                  + "| Threads started | Heap in flight MB (tasks then) | Peak heap MB | GC ms | Submit / poll / download / webhook "
                  + "per task | Poll uuids per task | CPU ms per task |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.workload().name()).append(" | ").append(label(r.contender())).append(" | ");
            if (!r.available()) {
                md.append("not run |||||||||||||||\n");
                continue;
            }
            if (!r.completed() || r.failed() > 0 && r.delivered() == 0) {
                md.append(String.format(Locale.ROOT, "%d / %d, **failed**: %s |||||||||||||||%n", r.delivered(),
                        r.workload().n(), r.firstFailure().replace('|', '/').replace('\n', ' ')));
                continue;
            }
            md.append(String.format(Locale.ROOT,
                    "%d / %d%s | %.1f | %.1f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %d | %d / %s / %d | %d "
                                                 + "| %.0f (%d) | %.0f | %d | %.2f / %.2f / %.2f / %.2f | %.2f | %.1f |%n",
                    r.delivered(), r.workload().n(), r.failed() > 0 ? " (" + r.failed() + " failed)" : "",
                    r.makespanS(), r.idealS(), r.gapMedianMs(), r.gapP99Ms(), r.noticeMedianMs(), r.noticeP99Ms(),
                    r.transferMedianMs(), r.transferP99Ms(), r.peakInFlight(), r.threadsPeakRoute(),
                    isComponent(r) ? Integer.toString(r.threadsPeakComponent()) : "-", r.threadsPeakJvm(),
                    r.threadsStarted(), r.heapInFlightMB(), r.inFlightAtGc(), r.heapSampledMB(), r.gcMillis(),
                    r.perTask(r.submits()),
                    r.perTask(r.polls()), r.perTask(r.downloads()), r.perTask(r.webhooks()), r.perTask(r.pollUuids()),
                    r.cpuMsPerTask()));
        }
        String skip = System.getProperty("bench.skip", "").trim();
        if (!skip.isEmpty()) {
            md.append("\nLeft out of this run to keep it under 10 minutes on this machine (`bench.skip`): `")
                    .append(skip).append("`; run with `-Dbench.skip=` to include them.\n");
        }
        md.append("\n");

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
        md.append(Targets.markdown(rows, settings));
        md.append(Targets.findings(rows, settings));
        return md.toString();
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
