package io.github.camelseedance.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@link SimulatorMain}, parsed into simulator options and faults. Flags take their value as
 * the next argument or after {@code =} ({@code --port 8089} or {@code --port=8089}).
 */
final class SimulatorOptions {

    static final int DEFAULT_PORT = 8089;

    static final String USAGE = """
            Usage: java -jar camel-seedance-simulator-<version>-standalone.jar [options]

            A local Runware API for Seedance video tasks. Logs its base URL and runs until killed.

            Options:
              --port N                      port on 127.0.0.1 (default 8089, 0 = a free port)
              --api-key KEY                 the accepted Bearer key (default simulator-key)
              --render-time DUR             render time of a task, results spread over it (default 3s)
              --render-spread DUR           uniform +- spread of each task's render time (default 0)
              --synthetic-bytes N           fast mode: synthetic videos of N bytes (suffixes k, m, g = 10^3, 10^6, 10^9)
              --seed N                      seed of every random draw (default 42)
              --delivery-attempts N         webhook/upload attempts before giving up (default 5)
              --delivery-backoff DUR        first retry delay, doubling each retry (default 1s)
              --delivery-concurrency N      webhook/upload calls on the way at once (default 16)
              --delivery-timeout DUR        longest webhook/upload attempt, answer included (default 10s)
              --http-threads N              threads answering HTTP requests (default 16)
              --progress BOOL               processing items carry progress (default false)
              --processing-task-type BOOL   processing items carry taskType (default false)
              --shuffle-results BOOL        poll answers list items in an order drawn from the seed (default true)
              --result-index BOOL           items and result errors carry resultIndex (default false)
              --task-not-found-code CODE    code of an unknown or forgotten task (default taskNotFound)
              --get-response-batching MODE  several getResponse in one request: all, first-only, reject (default all)
              --singular-errors WHEN        singular {"error":...} form: never, request-errors, single-errors
                                            (default request-errors)
              --result-error-form FORM      a failed result shows as errors-entry or data-item (default errors-entry)
              --task-details-retention DUR  how long getTaskDetails knows a finished task (default 24h)
              --http-error-rate S=R         answer HTTP status S with probability R (repeatable, e.g. 503=0.1)
              --reset-rate R                close the connection without an answer with probability R
              --slow-answers R=DUR          answer after DUR with probability R (e.g. 0.1=2s)
              --malformed-json-rate R       answer a truncated JSON body with probability R
              --task-failure-rate CODE=R    accepted tasks fail as a whole with CODE with probability R (repeatable)
              --result-failure-rate CODE=R  each result fails with CODE with probability R, siblings succeed (repeatable)
              --not-ready-rate R            a new video answers its first GET with 422 with probability R
              --webhook-loss-rate R         never send a webhook with probability R
              --webhook-duplicate-rate R    send a webhook twice with probability R
              -h, --help                    print this help

            Durations: 500ms, 3s, 2m, 1h or ISO-8601 (PT3S). Rates: 0..1. BOOL: true or false.
            """;

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)");

    private final RunwareSimulator.Builder builder = RunwareSimulator.builder().port(DEFAULT_PORT);
    private final List<Consumer<FaultPlan>> faults = new ArrayList<>();
    private int deliveryAttempts = 5;
    private Duration deliveryBackoff = Duration.ofSeconds(1);
    private boolean help;

    private SimulatorOptions() {
    }

    /**
     * @throws IllegalArgumentException naming the flag and value at fault
     */
    static SimulatorOptions parse(String... args) {
        SimulatorOptions options = new SimulatorOptions();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("-h") || flag.equals("--help")) {
                options.help = true;
                continue;
            }
            String value;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            try {
                options.apply(flag, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flag + " " + value + ": " + e.getMessage(), e);
            }
        }
        return options;
    }

    boolean help() {
        return help;
    }

    /** The simulator configured by the flags, faults included, not yet started. */
    RunwareSimulator build() {
        RunwareSimulator simulator = builder.build();
        faults.forEach(fault -> fault.accept(simulator.faults()));
        return simulator;
    }

    private void apply(String flag, String value) {
        switch (flag) {
            case "--port" -> builder.port(Integer.parseInt(value));
            case "--api-key" -> builder.apiKey(value);
            case "--render-time" -> builder.renderTime(duration(value));
            case "--render-spread" -> builder.renderSpread(duration(value));
            case "--synthetic-bytes" -> builder.syntheticVideos(size(value));
            case "--seed" -> builder.seed(Long.parseLong(value));
            case "--delivery-attempts" -> {
                deliveryAttempts = Integer.parseInt(value);
                builder.deliveryRetry(deliveryAttempts, deliveryBackoff);
            }
            case "--delivery-backoff" -> {
                deliveryBackoff = duration(value);
                builder.deliveryRetry(deliveryAttempts, deliveryBackoff);
            }
            case "--delivery-concurrency" -> builder.deliveryConcurrency(Integer.parseInt(value));
            case "--delivery-timeout" -> builder.deliveryTimeout(duration(value));
            case "--http-threads" -> builder.httpThreads(Integer.parseInt(value));
            case "--progress" -> builder.progress(bool(value));
            case "--processing-task-type" -> builder.processingTaskType(bool(value));
            case "--shuffle-results" -> builder.shuffleResults(bool(value));
            case "--result-index" -> builder.resultIndex(bool(value));
            case "--task-not-found-code" -> builder.taskNotFoundCode(value);
            case "--get-response-batching" -> builder.getResponseBatching(choice(GetResponseBatching.class, value));
            case "--singular-errors" -> builder.singularErrors(choice(SingularErrors.class, value));
            case "--result-error-form" -> builder.resultErrorForm(choice(ResultErrorForm.class, value));
            case "--task-details-retention" -> builder.taskDetailsRetention(duration(value));
            case "--result-failure-rate" -> codeRate(value, FaultPlan::resultFailureRate);
            case "--not-ready-rate" -> rate(value, FaultPlan::notReadyOnFirstGetRate);
            case "--http-error-rate" -> {
                String[] pair = pair(value);
                int status = Integer.parseInt(pair[0]);
                double rate = rate(pair[1]);
                faults.add(plan -> plan.httpErrorRate(status, rate));
            }
            case "--reset-rate" -> rate(value, FaultPlan::connectionResetRate);
            case "--slow-answers" -> {
                String[] pair = pair(value);
                double rate = rate(pair[0]);
                Duration delay = duration(pair[1]);
                faults.add(plan -> plan.slowAnswers(rate, delay));
            }
            case "--malformed-json-rate" -> rate(value, FaultPlan::malformedJsonRate);
            case "--task-failure-rate" -> codeRate(value, FaultPlan::taskFailureRate);
            case "--webhook-loss-rate" -> rate(value, FaultPlan::webhookLossRate);
            case "--webhook-duplicate-rate" -> rate(value, FaultPlan::webhookDuplicateRate);
            default -> throw new IllegalArgumentException("unknown option (see --help)");
        }
    }

    /** Parses {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h} or an ISO-8601 duration. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration (500ms, 3s, 2m, 1h or PT3S)");
        }
    }

    private static long size(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT).replace("_", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a byte count (e.g. 1000000, 500k, 200m, 1g)");
        }
        long factor = switch (m.group(2)) {
            case "k" -> 1_000L;
            case "m" -> 1_000_000L;
            case "g" -> 1_000_000_000L;
            default -> 1L;
        };
        return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
    }

    /** A fault set by a rate: {@code R}. */
    private void rate(String value, java.util.function.BiConsumer<FaultPlan, Double> fault) {
        double rate = rate(value);
        faults.add(plan -> fault.accept(plan, rate));
    }

    /** A fault set by a code and a rate: {@code CODE=R}. */
    private void codeRate(String value, CodeRateFault fault) {
        String[] pair = pair(value);
        double rate = rate(pair[1]);
        faults.add(plan -> fault.set(plan, pair[0], rate));
    }

    @FunctionalInterface
    private interface CodeRateFault {
        void set(FaultPlan plan, String code, double rate);
    }

    private static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** An enum constant written in lower case with dashes: {@code first-only} for {@code FIRST_ONLY}. */
    private static <E extends Enum<E>> E choice(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().replace('_', '-').equalsIgnoreCase(text.trim())) {
                return constant;
            }
        }
        throw new IllegalArgumentException("expected one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().replace('_', '-').toLowerCase(Locale.ROOT)).toList());
    }

    private static double rate(String text) {
        double rate = Double.parseDouble(text);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be within 0..1");
        }
        return rate;
    }

    private static String[] pair(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new IllegalArgumentException("expected KEY=VALUE");
        }
        return new String[]{ text.substring(0, equals), text.substring(equals + 1) };
    }
}
