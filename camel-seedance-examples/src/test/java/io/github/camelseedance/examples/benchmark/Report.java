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
            return "not available yet";
        }
        return String.format(Locale.ROOT,
                "delivered %d/%d failed %d, makespan %.1f s (sim last finish %.1f s), gap p50 %.0f ms p99 %.0f ms (notice p50 %.0f p99 %.0f, transfer p50 %.0f p99 %.0f), "
                + "in flight %d, threads route %d / component %d / jvm %d, heap peak %.0f MB live %.0f MB, "
                + "per task: submit %.2f poll %.2f (uuids %.2f) download %.2f webhook %.2f, cpu %.2f ms/task%s",
                r.delivered(), r.workload().n(), r.failed(), r.makespanS(), r.idealS(), r.gapMedianMs(),
                r.gapP99Ms(), r.noticeMedianMs(), r.noticeP99Ms(), r.transferMedianMs(), r.transferP99Ms(), r.peakInFlight(), r.threadsPeakRoute(), r.threadsPeakComponent(), r.threadsPeakJvm(),
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
                        "not available yet (no webhook waiting in the component)"));
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
        return "# Benchmarks\n\n" + table(rows);
    }
}
