package io.github.camelseedance.examples.benchmark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.github.camelseedance.examples.benchmark.BenchmarkDriver.Row;

/**
 * What a change bought: the component's rows of an earlier run on the same machine (its {@code rows.ser}, named by
 * {@code bench.before}, with {@code bench.beforeLabel} saying what it ran) beside this run's, workload by workload.
 */
final class BeforeAfter {

    private BeforeAfter() {
    }

    /** The section, or "" when {@code bench.before} is not set. */
    @SuppressWarnings("unchecked")
    static String section(List<Row> after) throws IOException {
        String file = System.getProperty("bench.before");
        if (file == null || file.isBlank()) {
            return "";
        }
        List<Row> before;
        String date;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(file)))) {
            before = (List<Row>) in.readObject();
            in.readObject();
            date = (String) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read " + file, e);
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                ## Before and after

                The component's contenders of an earlier run on the same machine (%s, %s) beside this run's: \
                the same harness, workloads and settings, with the code of main then (the component's and the \
                simulator's). Each cell is before -> after.

                | Workload | Contender | Makespan s | Sim last finish s | Notice p50 / p99 ms | Gap p99 ms | Submit \
                requests per task | Poll requests per task | Poll uuids per task | CPU ms per task | Peak heap MB | \
                Component threads |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                """, System.getProperty("bench.beforeLabel", "before"), date));
        for (Row a : after) {
            if (!a.contender().startsWith("component") || !Report.ok(a)) {
                continue;
            }
            Row b = before.stream().filter(r -> r.contender().equals(a.contender())
                                                && r.workload().name().equals(a.workload().name()) && Report.ok(r))
                    .findFirst().orElse(null);
            if (b == null) {
                continue;
            }
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %.1f -> %.1f | %.1f -> %.1f | %.0f / %.0f -> %.0f / %.0f | %.0f -> %.0f | %.2f -> %.2f "
                                                 + "| %.2f -> %.2f | %.2f -> %.2f | %.1f -> %.1f | %.0f -> %.0f "
                                                 + "| %d -> %d |%n",
                    a.workload().name(), Report.label(a.contender()), b.makespanS(), a.makespanS(), b.idealS(),
                    a.idealS(), b.noticeMedianMs(), b.noticeP99Ms(), a.noticeMedianMs(), a.noticeP99Ms(), b.gapP99Ms(),
                    a.gapP99Ms(), b.perTask(b.submits()), a.perTask(a.submits()), b.perTask(b.polls()),
                    a.perTask(a.polls()), b.perTask(b.pollUuids()),
                    a.perTask(a.pollUuids()), b.cpuMsPerTask(), a.cpuMsPerTask(), b.heapSampledMB(),
                    a.heapSampledMB(), b.threadsPeakComponent(), a.threadsPeakComponent()));
        }
        return md.append('\n').append(machine(before, after)).toString();
    }

    /**
     * The baseline's figures in both runs: its code is the same in both, so they show how much the machine itself
     * (and the simulator it shares the cores with) moved between the runs.
     */
    private static String machine(List<Row> before, List<Row> after) {
        List<String> figures = new java.util.ArrayList<>();
        for (Row a : after) {
            if (!a.contender().equals(ContenderMain.BASELINE) || !Report.ok(a)) {
                continue;
            }
            before.stream().filter(r -> r.contender().equals(a.contender())
                                        && r.workload().name().equals(a.workload().name()) && Report.ok(r))
                    .findFirst()
                    .ifPresent(b -> figures.add(String.format(Locale.ROOT, "%s: makespan %.1f -> %.1f s, CPU %.1f -> "
                                                                           + "%.1f ms per task",
                            a.workload().name(), b.makespanS(), a.makespanS(), b.cpuMsPerTask(), a.cpuMsPerTask())));
        }
        return figures.isEmpty()
                ? ""
                : "The baseline, whose code is the same in both runs, shows how much the machine itself moved between "
                  + "them: " + String.join("; ", figures) + ".\n\n";
    }
}
