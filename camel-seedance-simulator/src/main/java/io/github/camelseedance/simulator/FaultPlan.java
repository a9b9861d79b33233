package io.github.camelseedance.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;

/**
 * The faults the simulator injects: live, thread-safe and fluent (every method returns this plan).
 *
 * <p>Rates are probabilities in {@code [0, 1]} drawn from a random generator seeded with the simulator's seed, so a
 * sequence of requests meets the same faults on every run. Per API request, scripted faults come first, in this
 * order: {@link #failNextRequests}, {@link #resetNextRequests}, {@link #dropNextResponses}. Otherwise one draw picks
 * at most one of the HTTP error rates (ascending status), the connection reset rate and the malformed JSON rate
 * (their sum should not exceed 1), and a second, independent draw decides whether the answer is slow.
 */
public final class FaultPlan {

    private final Random random;
    private final Map<Integer, Double> httpErrorRates = new TreeMap<>();
    private final Map<String, Double> taskFailureRates = new LinkedHashMap<>();
    private final Map<String, Double> resultFailureRates = new LinkedHashMap<>();
    private final List<ScriptedResultFailure> scriptedResultFailures = new ArrayList<>();
    private final ScriptedQueue<Integer> scriptedStatuses = new ScriptedQueue<>();
    private final ScriptedQueue<String> scriptedTaskFailures = new ScriptedQueue<>();
    private final ScriptedQueue<Integer> scriptedDownloadFailures = new ScriptedQueue<>();
    private double connectionResetRate;
    private double malformedJsonRate;
    private double slowRate;
    private Duration slowDelay = Duration.ZERO;
    private double webhookLossRate;
    private double webhookDuplicateRate;
    private double notReadyRate;
    private int notReadyScripted;
    private int resetsScripted;
    private int dropsScripted;

    FaultPlan(long seed) {
        this.random = new Random(seed);
    }

    /**
     * API requests answer {@code status} (e.g. 429, 500, 503, 504) in the Runware error envelope with that
     * probability, without being processed; 429 and 503 carry {@code Retry-After: 1}.
     */
    public synchronized FaultPlan httpErrorRate(int status, double rate) {
        httpErrorRates.put(checkStatus(status), checkRate(rate));
        return this;
    }

    /** API requests get their connection closed with no answer with that probability; they are not processed. */
    public synchronized FaultPlan connectionResetRate(double rate) {
        connectionResetRate = checkRate(rate);
        return this;
    }

    /** API requests are answered only after {@code delay} with that probability (processed normally). */
    public synchronized FaultPlan slowAnswers(double rate, Duration delay) {
        slowRate = checkRate(rate);
        slowDelay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** API requests answer 200 with a truncated JSON body with that probability; they are not processed. */
    public synchronized FaultPlan malformedJsonRate(double rate) {
        malformedJsonRate = checkRate(rate);
        return this;
    }

    /**
     * Accepted video tasks fail as a whole, without any result, with that code with that probability (see
     * {@link #resultFailureRate} for results failing one by one).
     */
    public synchronized FaultPlan taskFailureRate(String code, double rate) {
        taskFailureRates.put(Objects.requireNonNull(code, "code"), checkRate(rate));
        return this;
    }

    /**
     * Each result of an accepted video task fails with that code with that probability, on its own: its siblings
     * still succeed and are billed.
     */
    public synchronized FaultPlan resultFailureRate(String code, double rate) {
        resultFailureRates.put(Objects.requireNonNull(code, "code"), checkRate(rate));
        return this;
    }

    /**
     * Result {@code resultIndex} (0-based) of each of the next {@code count} accepted video tasks that have that
     * many results fails with {@code code}, while its siblings succeed and are billed. Scripted several times, the
     * entries add up (results 0 and 2 of the next task, ...).
     */
    public synchronized FaultPlan failResultOfNextTasks(int resultIndex, String code, int count) {
        if (resultIndex < 0) {
            throw new IllegalArgumentException("resultIndex must be >= 0: " + resultIndex);
        }
        if (checkCount(count) > 0) {
            scriptedResultFailures.add(new ScriptedResultFailure(resultIndex, Objects.requireNonNull(code, "code"),
                    count));
        }
        return this;
    }

    /** A new video answers its first GET with HTTP 422 (still being written) with that probability. */
    public synchronized FaultPlan notReadyOnFirstGetRate(double rate) {
        notReadyRate = checkRate(rate);
        return this;
    }

    /** The next {@code count} new videos answer their first GET with HTTP 422 (still being written). */
    public synchronized FaultPlan notReadyOnFirstGetOfNextVideos(int count) {
        notReadyScripted += checkCount(count);
        return this;
    }

    /** Webhook deliveries are silently never sent with that probability. */
    public synchronized FaultPlan webhookLossRate(double rate) {
        webhookLossRate = checkRate(rate);
        return this;
    }

    /** Webhook deliveries are sent twice with that probability. */
    public synchronized FaultPlan webhookDuplicateRate(double rate) {
        webhookDuplicateRate = checkRate(rate);
        return this;
    }

    /** The next {@code count} API requests answer {@code status} and are not processed. */
    public synchronized FaultPlan failNextRequests(int status, int count) {
        scriptedStatuses.add(checkStatus(status), checkCount(count));
        return this;
    }

    /** The next {@code count} API requests get their connection closed with no answer; they are not processed. */
    public synchronized FaultPlan resetNextRequests(int count) {
        resetsScripted += checkCount(count);
        return this;
    }

    /** The next {@code count} API requests are processed (a submit is billed) but the answer is lost. */
    public synchronized FaultPlan dropNextResponses(int count) {
        dropsScripted += checkCount(count);
        return this;
    }

    /** The next {@code count} accepted video tasks fail as a whole, without any result, with that code. */
    public synchronized FaultPlan failNextTasks(String code, int count) {
        scriptedTaskFailures.add(Objects.requireNonNull(code, "code"), checkCount(count));
        return this;
    }

    /** The next {@code count} media GETs answer {@code status} instead of the file. */
    public synchronized FaultPlan failNextDownloads(int status, int count) {
        scriptedDownloadFailures.add(checkStatus(status), checkCount(count));
        return this;
    }

    /** Removes every rate and scripted fault (the random sequence continues). */
    public synchronized FaultPlan clear() {
        httpErrorRates.clear();
        taskFailureRates.clear();
        resultFailureRates.clear();
        scriptedResultFailures.clear();
        scriptedStatuses.clear();
        scriptedTaskFailures.clear();
        scriptedDownloadFailures.clear();
        connectionResetRate = 0;
        malformedJsonRate = 0;
        slowRate = 0;
        slowDelay = Duration.ZERO;
        webhookLossRate = 0;
        webhookDuplicateRate = 0;
        notReadyRate = 0;
        notReadyScripted = 0;
        resetsScripted = 0;
        dropsScripted = 0;
        return this;
    }

    synchronized void reseed(long seed) {
        random.setSeed(seed);
    }

    /** Decides the fate of the next API request. */
    synchronized RequestFault nextRequestFault() {
        Optional<Integer> scripted = scriptedStatuses.poll();
        if (scripted.isPresent()) {
            return new RequestFault(RequestFault.Action.HTTP_ERROR, scripted.get(), Duration.ZERO);
        }
        if (resetsScripted > 0) {
            resetsScripted--;
            return new RequestFault(RequestFault.Action.RESET, 0, Duration.ZERO);
        }
        if (dropsScripted > 0) {
            dropsScripted--;
            return new RequestFault(RequestFault.Action.DROP_RESPONSE, 0, Duration.ZERO);
        }
        RequestFault fault = drawRequestFault();
        if (slowRate > 0 && random.nextDouble() < slowRate) {
            return fault.delayedBy(slowDelay);
        }
        return fault;
    }

    private RequestFault drawRequestFault() {
        if (httpErrorRates.isEmpty() && connectionResetRate == 0 && malformedJsonRate == 0) {
            return RequestFault.NONE;
        }
        double draw = random.nextDouble();
        double bound = 0;
        for (Map.Entry<Integer, Double> rate : httpErrorRates.entrySet()) {
            bound += rate.getValue();
            if (draw < bound) {
                return new RequestFault(RequestFault.Action.HTTP_ERROR, rate.getKey(), Duration.ZERO);
            }
        }
        bound += connectionResetRate;
        if (draw < bound) {
            return new RequestFault(RequestFault.Action.RESET, 0, Duration.ZERO);
        }
        bound += malformedJsonRate;
        if (draw < bound) {
            return new RequestFault(RequestFault.Action.MALFORMED_JSON, 0, Duration.ZERO);
        }
        return RequestFault.NONE;
    }

    /** The error code an accepted video task must end with, if it is to fail. */
    synchronized Optional<String> nextTaskFailure() {
        Optional<String> scripted = scriptedTaskFailures.poll();
        if (scripted.isPresent()) {
            return scripted;
        }
        return drawCode(taskFailureRates);
    }

    /** Per result of a task of {@code numberResults}, the code it must fail with, null where it succeeds. */
    synchronized String[] nextResultFailures(int numberResults) {
        String[] codes = new String[numberResults];
        for (Iterator<ScriptedResultFailure> it = scriptedResultFailures.iterator(); it.hasNext();) {
            ScriptedResultFailure scripted = it.next();
            if (scripted.resultIndex < numberResults && codes[scripted.resultIndex] == null) {
                codes[scripted.resultIndex] = scripted.code;
                if (--scripted.remaining == 0) {
                    it.remove();
                }
            }
        }
        for (int i = 0; i < numberResults; i++) {
            if (codes[i] == null) {
                codes[i] = drawCode(resultFailureRates).orElse(null);
            }
        }
        return codes;
    }

    /** Whether the next new video answers its first GET with 422. */
    synchronized boolean nextVideoNotReady() {
        if (notReadyScripted > 0) {
            notReadyScripted--;
            return true;
        }
        return notReadyRate > 0 && random.nextDouble() < notReadyRate;
    }

    private Optional<String> drawCode(Map<String, Double> rates) {
        if (rates.isEmpty()) {
            return Optional.empty();
        }
        double draw = random.nextDouble();
        double bound = 0;
        for (Map.Entry<String, Double> rate : rates.entrySet()) {
            bound += rate.getValue();
            if (draw < bound) {
                return Optional.of(rate.getKey());
            }
        }
        return Optional.empty();
    }

    /** The status the next media GET must answer instead of the file, if any. */
    synchronized OptionalInt nextDownloadFailure() {
        return scriptedDownloadFailures.poll().map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    synchronized boolean loseWebhook() {
        return webhookLossRate > 0 && random.nextDouble() < webhookLossRate;
    }

    synchronized boolean duplicateWebhook() {
        return webhookDuplicateRate > 0 && random.nextDouble() < webhookDuplicateRate;
    }

    /** "Result {@code resultIndex} of the next {@code remaining} tasks fails with {@code code}." */
    private static final class ScriptedResultFailure {
        private final int resultIndex;
        private final String code;
        private int remaining;

        ScriptedResultFailure(int resultIndex, String code, int remaining) {
            this.resultIndex = resultIndex;
            this.code = code;
            this.remaining = remaining;
        }
    }

    private static double checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be within 0..1: " + rate);
        }
        return rate;
    }

    private static int checkStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status 400..599: " + status);
        }
        return status;
    }

    private static int checkCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        return count;
    }
}
