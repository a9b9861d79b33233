package io.github.camelseedance.examples.benchmark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where one contender JVM spent its CPU during the workload: JDK Flight Recorder's {@code jdk.ExecutionSample} events
 * (settings {@code profile}: a sample of each running Java thread every 10 ms) between the first submit and the last
 * exchange done, aggregated by the top frame (self time) and by the innermost frame of this project's code
 * ({@code io.github.camelseedance}) on the stack (where our code calls into the time that the top frame shows). The
 * text file beside it also has the JIT's work in the same window ({@code jdk.Compilation} events, every compilation
 * recorded: the benchmark sets their threshold to 0 ms): compile time by package and by method, and how much of it
 * came in the window's first second (mostly the backlog of methods the start-up made hot).
 *
 * @param samples     execution samples in the workload's window
 * @param self        top methods by self samples, most first
 * @param ours        innermost io.github.camelseedance method on the stack, most first
 * @param oursSamples samples with any io.github.camelseedance frame on the stack
 */
record Profile(int samples, List<Entry> self, List<Entry> ours, int oursSamples) implements Serializable {

    static final Profile NONE = new Profile(0, List.of(), List.of(), 0);
    private static final String OURS = "io.github.camelseedance.";
    private static final int TOP = 15;

    /** One method and its samples. */
    record Entry(String method, int samples) implements Serializable {
    }

    boolean present() {
        return samples > 0;
    }

    /** {@code method share%} of the first entries, for the findings. */
    String top(List<Entry> entries, int count) {
        List<String> parts = new ArrayList<>();
        for (Entry e : entries.subList(0, Math.min(count, entries.size()))) {
            parts.add(String.format(Locale.ROOT, "`%s` %.1f %%", e.method, 100.0 * e.samples / samples));
        }
        return String.join(", ", parts);
    }

    /**
     * Reads the recording's samples between the two instants (epoch microseconds) and writes the full tables to
     * {@code text}; {@link #NONE} when there is no recording.
     */
    static Profile read(Path recording, long fromMicros, long toMicros, Path text) throws IOException {
        if (recording == null || !Files.exists(recording)) {
            return NONE;
        }
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        int oursSamples = 0;
        Compilations compilations = new Compilations(fromMicros);
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if ("jdk.Compilation".equals(event.getEventType().getName())) {
                    long at = micros(event.getStartTime());
                    if (at >= fromMicros && at <= toMicros) {
                        compilations.add(event, at);
                    }
                    continue;
                }
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                long at = micros(event.getStartTime());
                if (at < fromMicros || at > toMicros) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
                for (RecordedFrame frame : frames) {
                    String method = name(frame.getMethod());
                    if (method.startsWith(OURS) && !method.startsWith(OURS + "examples.benchmark.")) {
                        ours.merge(method, 1, Integer::sum);
                        oursSamples++;
                        break;
                    }
                }
            }
        }
        Profile profile = new Profile(samples, sorted(self, TOP), sorted(ours, TOP), oursSamples);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(text))) {
            out.printf(Locale.ROOT, "%d execution samples in the workload's window (%s)%n%nTop frames, self:%n",
                    samples, recording.getFileName());
            sorted(self, 40).forEach(e -> out.printf(Locale.ROOT, "%6d %5.1f%%  %s%n", e.samples,
                    100.0 * e.samples / Math.max(1, profile.samples), e.method));
            out.printf(Locale.ROOT, "%nInnermost io.github.camelseedance frame (%d samples, %.1f%%):%n", oursSamples,
                    100.0 * oursSamples / Math.max(1, samples));
            sorted(ours, 40).forEach(e -> out.printf(Locale.ROOT, "%6d %5.1f%%  %s%n", e.samples,
                    100.0 * e.samples / Math.max(1, profile.samples), e.method));
            compilations.print(out);
        }
        return profile;
    }

    /** The JIT compilations started in the workload's window, their durations summed by package and by method. */
    private static final class Compilations {

        private final long fromMicros;
        private final Map<String, Long> byPackage = new HashMap<>();
        private final Map<String, Long> byMethod = new HashMap<>();
        private long count;
        private long totalMicros;
        private long firstSecondMicros;

        Compilations(long fromMicros) {
            this.fromMicros = fromMicros;
        }

        void add(RecordedEvent event, long atMicros) {
            long micros = event.getDuration().toNanos() / 1000;
            RecordedMethod method = event.getValue("method");
            String type = method.getType().getName();
            String[] parts = type.split("\\.");
            String pkg = String.join(".", Arrays.copyOf(parts, Math.min(4, parts.length - 1)));
            byPackage.merge(pkg, micros, Long::sum);
            byMethod.merge(name(method) + " (tier " + event.getValue("compileLevel") + ")", micros, Long::sum);
            count++;
            totalMicros += micros;
            if (atMicros - fromMicros < 1_000_000) {
                firstSecondMicros += micros;
            }
        }

        void print(PrintWriter out) {
            out.printf(Locale.ROOT, "%nJIT compilations started in the window: %d, %.3f s of compile time (wall, "
                                    + "summed over the compiler threads), %.3f s of it in the first second%n",
                    count, totalMicros / 1e6, firstSecondMicros / 1e6);
            out.printf(Locale.ROOT, "%nCompile time by package:%n");
            top(byPackage, 25).forEach(e -> out.printf(Locale.ROOT, "%8.3f s %5.1f%%  %s%n", e.getValue() / 1e6,
                    100.0 * e.getValue() / Math.max(1, totalMicros), e.getKey()));
            out.printf(Locale.ROOT, "%nCompile time by method:%n");
            top(byMethod, 40).forEach(e -> out.printf(Locale.ROOT, "%8.3f s %5.1f%%  %s%n", e.getValue() / 1e6,
                    100.0 * e.getValue() / Math.max(1, totalMicros), e.getKey()));
        }
    }

    private static String name(RecordedMethod method) {
        String type = method.getType().getName();
        return type + "." + method.getName();
    }

    private static List<Entry> sorted(Map<String, Integer> counts, int limit) {
        return top(counts, limit).stream().map(e -> new Entry(e.getKey(), e.getValue())).toList();
    }

    /** The largest values first (ties by key), at most {@code limit} of them. */
    private static <V extends Comparable<V>> List<Map.Entry<String, V>> top(Map<String, V> values, int limit) {
        return values.entrySet().stream()
                .sorted(Map.Entry.<String, V>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).toList();
    }

    private static long micros(Instant instant) {
        return ContenderMain.toMicros(instant);
    }
}
