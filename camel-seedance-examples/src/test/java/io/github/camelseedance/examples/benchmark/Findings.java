package io.github.camelseedance.examples.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.camelseedance.examples.benchmark.BenchmarkDriver.Row;

/** Findings about the official SDK contender and where each contender's CPU goes (thread split, JFR top frames). */
final class Findings {

    private Findings() {
    }

    /** What the official SDK is and does (from its code, pinned version), with its figures from this run. */
    static String sdk(List<Row> rows) {
        List<String> figures = new ArrayList<>();
        for (Row e : rows) {
            if (!e.contender().equals(ContenderMain.SDK_JS) || !e.available()) {
                continue;
            }
            Row a = Report.find(rows, e.workload(), ContenderMain.COMPONENT_BATCHED);
            if (!Report.ok(e) || e.failed() > 0) {
                figures.add(String.format(Locale.ROOT, "%s: %,d of %,d delivered (%s)", e.workload().name(),
                        e.delivered(), e.workload().n(), e.firstFailure()));
                continue;
            }
            figures.add(String.format(Locale.ROOT, "%s: %.2f poll requests per task, makespan %.1f s, CPU %.1f ms per "
                                                   + "task, peak RSS %.0f MB%s",
                    e.workload().name(), e.perTask(e.polls()), e.makespanS(), e.cpuMsPerTask(), e.rssPeakMB(),
                    a == null || !Report.ok(a)
                            ? ""
                            : String.format(Locale.ROOT, " (a: %.2f, %.1f s, %.1f ms, %.0f MB)",
                                    a.perTask(a.polls()), a.makespanS(), a.cpuMsPerTask(), a.rssPeakMB())));
        }
        if (figures.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, """
                * **The official SDK (e), from its code.** `@runware/sdk-js` 1.3.2 (the version the npm registry \
                serves; the newer TypeScript `@runware/sdk` and the Python SDKs are not reachable here) has no REST \
                mode: its only transport is a WebSocket (`ws` package; no `fetch` or HTTP request in \
                `dist/index.js`); its URL is a constructor option (`url`, default `wss://ws-api.runware.ai/v1`), which \
                is how it runs against the simulator (through the driver's WebSocket bridge, see the set-up). \
                `videoInference` always submits with `deliveryMethod: "async"`, waits for the acknowledgement, then \
                calls `getResponse` for that one task every 2 s (a `setInterval`: not the 1 s x1.5 up to 10 s \
                ladder of the REST SDKs in the protocol notes; a poll is sent even while the previous one is \
                unanswered) until a `success` item arrives, for at most 10 minutes; every request's answer is looked \
                for every 100 ms for up to 60 s, and a request that times out is sent once more (`globalMaxRetries` 2: \
                two attempts; an answer with an API error is not retried). So it sends one request per \
                task per 2 s, like (b) and the baseline with a longer interval, and it streams each video itself \
                (its caller downloads `videoURL`). Measured: %s.
                """, String.join("; ", figures));
    }

    /** Where the CPU goes: per workload, (a)'s and the baseline's CPU by thread, and JFR's top frames when recorded. */
    static String profiles(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        for (Row r : rows) {
            if (!Report.ok(r) || r.cpuByThread().isEmpty() && !r.profile().present()
                || !(r.contender().equals(ContenderMain.COMPONENT_BATCHED)
                     || r.contender().equals(ContenderMain.BASELINE) || r.profile().present())) {
                continue;
            }
            double total = r.cpuMsPerTask() * r.workload().n();
            md.append(String.format(Locale.ROOT, "  * %s, %s: CPU %.0f ms in all (%.1f ms per task)",
                    r.workload().name(), Report.label(r.contender()), total, r.cpuMsPerTask()));
            if (!r.cpuByThread().isEmpty()) {
                md.append(". By thread: ").append(shares(r, total));
            }
            if (r.profile().present()) {
                Profile p = r.profile();
                md.append(String.format(Locale.ROOT, ". JFR, %,d samples; top frames (self): %s; innermost "
                                                     + "io.github.camelseedance frame (on %.0f %% of the samples): %s",
                        p.samples(), p.top(p.self(), 6), 100.0 * p.oursSamples() / p.samples(),
                        p.top(p.ours(), 6)));
            }
            md.append(".\n");
        }
        if (md.length() == 0) {
            return "";
        }
        boolean jfr = rows.stream().anyMatch(r -> r.profile().present());
        return """
                * **Where the CPU goes.** The CPU time of each process during the workload, split by thread (Java \
                threads by their name, the JVM's own JIT compiler and GC threads from `/proc`; 10 ms resolution)%s. \
                Full tables: `target/benchmark/results/*.properties` (`cpuByThread`)%s.
                """.formatted(jfr
                ? ", and JDK Flight Recorder's execution samples (Java code only: a thread in native code, the JIT "
                  + "and GC are not sampled), by the method on top of the stack and by the innermost of this "
                  + "project's methods on it"
                : "",
                jfr ? " and `target/benchmark/profiles/*.txt`" : "")
               + md;
    }

    private static String shares(Row r, double total) {
        List<String> parts = new ArrayList<>();
        for (String entry : r.cpuByThread().split(",")) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || parts.size() >= 6) {
                continue;
            }
            double ms = Double.parseDouble(entry.substring(eq + 1));
            parts.add(String.format(Locale.ROOT, "%s %.0f %%", entry.substring(0, eq), 100 * ms / Math.max(1, total)));
        }
        return String.join(", ", parts);
    }
}
