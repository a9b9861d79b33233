package io.github.camelseedance.seedance.monitor;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import io.github.camelseedance.runware.RunwareClientListener;
import io.github.camelseedance.runware.error.ErrorFamily;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.rules.ModelRules;
import org.apache.camel.util.StringHelper;

/**
 * What the component's tasks are doing, for operators: the tasks this instance waits for (age, state, results so
 * far), totals per outcome, HTTP answers by status, retries, downloads, webhooks, spend, and the render times observed
 * per model, resolution and duration, from which it estimates how long a running task still needs. Its listeners
 * (the Micrometer metrics, when present) hear every event. Thread-safe; every update costs the same whatever the
 * number of tasks.
 */
public final class TaskMonitor implements RunwareClientListener {

    private final String instanceId;
    private final Clock clock;
    private final Map<String, ActiveTask> inFlight = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> totals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> httpAnswers = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> webhooks = new ConcurrentHashMap<>();
    private final LongAdder retries = new LongAdder();
    private final LongAdder downloads = new LongAdder();
    private final LongAdder downloadedBytes = new LongAdder();
    private final Map<String, BigDecimal> spent = new ConcurrentHashMap<>();
    private final RenderTimes renderTimes = new RenderTimes();
    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param instanceId the name of this instance (the owner of its tasks)
     * @param clock      dates the submits
     */
    public TaskMonitor(String instanceId, Clock clock) {
        this.instanceId = instanceId;
        this.clock = clock;
    }

    void addListener(MonitorListener listener) {
        listeners.add(listener);
    }

    void removeListener(MonitorListener listener) {
        listeners.remove(listener);
    }

    /** @return a listener for one Runware client, reporting here and remembering a refused key */
    public ClientActivity clientActivity() {
        return new ClientActivity(this);
    }

    /**
     * A task was submitted (or resumed).
     *
     * @param request the task
     * @param price   its price reckoned before the submit, {@code null} when none
     * @param waited  whether this instance waits for it (generate, resumption): it joins the tasks in flight
     * @return        the task as the monitor sees it
     */
    public ActiveTask submitted(VideoInferenceRequest request, BigDecimal price, boolean waited) {
        ActiveTask task = new ActiveTask(request.taskUUID(), request.model(), resolutionOf(request), sizeOf(request),
                ModelRules.durationOf(request), request.expectedResults(), price, instanceId, clock.instant(),
                System.nanoTime());
        if (waited) {
            inFlight.put(task.taskUUID(), task);
        }
        count("submitted");
        listeners.forEach(l -> l.submitted(task));
        return task;
    }

    /** A task was refused before anything was sent, for its price ({@code reason} cap or budget). */
    public void refused(VideoInferenceRequest request, String reason) {
        count("refused");
        listeners.forEach(l -> l.refused(request.model(), resolutionOf(request), reason));
    }

    /**
     * A poll or webhook reported a task still running.
     *
     * @return how long it has run and, when comparable tasks were observed, how long it still needs
     */
    public Optional<TaskProgress> progress(TaskStatus status) {
        ActiveTask task = inFlight.get(status.taskUUID());
        if (task == null) {
            return Optional.empty();
        }
        task.update(status.state().apiName(), status.items().size(), status.progress());
        return Optional.of(progressOf(task));
    }

    /** @return how long the task has run and still needs, empty when it is not in flight here */
    public Optional<TaskProgress> progress(String taskUUID) {
        ActiveTask task = inFlight.get(taskUUID);
        return task == null ? Optional.empty() : Optional.of(progressOf(task));
    }

    private TaskProgress progressOf(ActiveTask task) {
        Duration elapsed = task.age(System.nanoTime());
        return new TaskProgress(elapsed,
                renderTimes.remaining(task.model(), task.resolution(), task.duration(), elapsed).orElse(null));
    }

    /**
     * A task ended at Runware (or its wait did).
     *
     * @param taskUUID the task
     * @param outcome  how
     * @param results  how many results it made
     * @param failure  why it failed, {@code null} on success
     * @return         how long it took from submit to done, empty when it is not in flight here
     */
    public Optional<Duration> done(String taskUUID, TaskOutcome outcome, int results, Throwable failure) {
        ActiveTask task = inFlight.get(taskUUID);
        if (task == null) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        task.update(outcome == TaskOutcome.success || outcome == TaskOutcome.partial ? "success" : "error", results,
                task.progress());
        task.done(task.state(), now);
        Duration renderTime = task.age(now);
        if (outcome == TaskOutcome.success) {
            renderTimes.observe(task.model(), task.resolution(), task.duration(), renderTime);
        }
        count(outcome.name());
        String family = failure == null ? null : errorFamily(failure);
        listeners.forEach(l -> l.done(task, outcome, family, renderTime));
        return Optional.of(renderTime);
    }

    /** The videos of a done task reached its exchange (or the webhook route): it leaves the tasks in flight. */
    public void delivered(String taskUUID) {
        ActiveTask task = inFlight.remove(taskUUID);
        if (task != null && task.doneNanos() != 0) {
            Duration delivery = Duration.ofNanos(System.nanoTime() - task.doneNanos());
            listeners.forEach(l -> l.delivered(task, delivery));
        }
    }

    /** A task leaves the tasks in flight without a delivery (it failed, or its exchange ended). */
    public void forget(String taskUUID) {
        inFlight.remove(taskUUID);
    }

    /** Money spent: the real cost of results, as settled. */
    public void spent(String model, BigDecimal usd) {
        spent.merge(model, usd, BigDecimal::add);
        listeners.forEach(l -> l.spent(model, usd));
    }

    /** A webhook delivery was taken. */
    public void webhookReceived() {
        webhooks.computeIfAbsent("received", k -> new LongAdder()).increment();
        listeners.forEach(MonitorListener::webhookReceived);
    }

    /** A webhook delivery was refused ({@code reason}: token, size, body). */
    public void webhookRefused(String reason) {
        webhooks.computeIfAbsent("refused:" + reason, k -> new LongAdder()).increment();
        listeners.forEach(l -> l.webhookRefused(reason));
    }

    @Override
    public void answered(RequestKind kind, int httpStatus) {
        httpAnswers.computeIfAbsent(kind.name().toLowerCase() + ":" + httpStatus, k -> new LongAdder()).increment();
        listeners.forEach(l -> l.answered(kind, httpStatus));
    }

    @Override
    public void retrying(RequestKind kind) {
        retries.increment();
        listeners.forEach(l -> l.retrying(kind));
    }

    @Override
    public void downloaded(long bytes) {
        downloads.increment();
        downloadedBytes.add(bytes);
        listeners.forEach(l -> l.downloaded(bytes));
    }

    /** @return the tasks this instance waits for, oldest first */
    public List<ActiveTask> tasksInFlight() {
        List<ActiveTask> tasks = new ArrayList<>(inFlight.values());
        tasks.sort(Comparator.comparing(ActiveTask::submittedAt));
        return tasks;
    }

    /** @return the number of tasks this instance waits for */
    public int inFlightCount() {
        return inFlight.size();
    }

    /** @return how many tasks were submitted, refused, and ended per outcome, by name */
    public Map<String, Long> totals() {
        Map<String, Long> result = new LinkedHashMap<>();
        for (String name : List.of("submitted", "refused", "success", "partial", "error", "timeout")) {
            LongAdder n = totals.get(name);
            result.put(name, n == null ? 0 : n.sum());
        }
        return result;
    }

    /** @return the HTTP answers by kind and status ({@code api:200}, {@code download:404}, {@code api:0}: none) */
    public Map<String, Long> httpAnswers() {
        return sums(httpAnswers);
    }

    /** @return webhook deliveries taken ({@code received}) and refused ({@code refused:<reason>}) */
    public Map<String, Long> webhooks() {
        return sums(webhooks);
    }

    /** @return the requests retried */
    public long retries() {
        return retries.sum();
    }

    /** @return the videos downloaded */
    public long downloads() {
        return downloads.sum();
    }

    /** @return the bytes downloaded */
    public long downloadedBytes() {
        return downloadedBytes.sum();
    }

    /** @return the money this instance settled, USD, per model */
    public Map<String, BigDecimal> spent() {
        return Map.copyOf(spent);
    }

    /** @return the render times observed */
    public RenderTimes renderTimes() {
        return renderTimes;
    }

    /** @return the name of this instance */
    public String instanceId() {
        return instanceId;
    }

    private void count(String name) {
        totals.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> result = new TreeMap<>();
        counters.forEach((key, n) -> result.put(key, n.sum()));
        return result;
    }

    /**
     * The error family of a failure, as metrics tag it: the {@link ErrorFamily} of a Runware failure in lower camel
     * case ({@code validation}, {@code authentication}, {@code quota}, {@code rateLimit}, {@code safety},
     * {@code provider}, {@code timeout}, {@code notFound}, {@code server}, {@code connection}, {@code unknown}), else
     * {@code other}.
     */
    public static String errorFamily(Throwable failure) {
        if (!(failure instanceof RunwareException runware)) {
            return "other";
        }
        return StringHelper.dashToCamelCase(runware.family().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The resolution of a task: its preset, else the one its size belongs to (null when none). */
    public static String resolutionOf(VideoInferenceRequest request) {
        if (request.resolution() != null) {
            return request.resolution();
        }
        if (request.width() != null && request.height() != null) {
            return ModelRules.forModel(request.model()).resolutionOf(request.width(), request.height());
        }
        return null;
    }

    private static String sizeOf(VideoInferenceRequest request) {
        return request.width() != null && request.height() != null
                ? request.width() + "x" + request.height()
                : request.resolution();
    }
}
