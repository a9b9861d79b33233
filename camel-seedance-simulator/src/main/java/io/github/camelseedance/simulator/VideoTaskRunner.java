package io.github.camelseedance.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves accepted video tasks along on a shared scheduler: each task gets one timer per result (or one for a
 * whole-task failure); each result is stored as media and billed when it succeeds, or ends in error on its own,
 * and is pushed to the webhook (and upload endpoint) as it finishes.
 *
 * <p>A finished task stays visible to getResponse for its {@code ttl} and to getTaskDetails for the configured
 * retention; it is dropped (and its taskUUID free again) once both have passed, so a long-running simulator does
 * not grow without bound.
 */
final class VideoTaskRunner {

    /** Makes this generator's sequence independent of the fault plan's and the uploads', which share the seed. */
    private static final long SEED_SALT = 0x9E3779B97F4A7C15L;

    private final Map<String, VideoTask> tasks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final FaultPlan faults;
    private final MediaStore media;
    private final VideoOutputs outputs;
    private final OutgoingDeliveries deliveries;
    private final RequestJournal journal;
    private final ProtocolSettings settings;
    private final Duration renderTime;
    private final Duration renderSpread;
    private final Random random;

    VideoTaskRunner(ScheduledExecutorService scheduler, FaultPlan faults, MediaStore media, VideoOutputs outputs,
                    OutgoingDeliveries deliveries, RequestJournal journal, ProtocolSettings settings,
                    Duration renderTime, Duration renderSpread) {
        this.scheduler = scheduler;
        this.faults = faults;
        this.media = media;
        this.outputs = outputs;
        this.deliveries = deliveries;
        this.journal = journal;
        this.settings = settings;
        this.renderTime = renderTime;
        this.renderSpread = renderSpread;
        this.random = new Random(settings.seed() ^ SEED_SALT);
    }

    /** Whether the taskUUID is in use: a task getResponse or getTaskDetails still knows. */
    boolean isKnown(String taskUUID) {
        VideoTask task = tasks.get(taskUUID);
        long now = System.nanoTime();
        return task != null && (task.pollableAt(now) || task.detailedAt(now, retentionNanos()));
    }

    /** The task with that uuid while getResponse knows it. */
    Optional<VideoTask> find(String taskUUID) {
        long now = System.nanoTime();
        return Optional.ofNullable(tasks.get(taskUUID)).filter(t -> t.pollableAt(now));
    }

    /** The task with that uuid while getTaskDetails knows it. */
    Optional<VideoTask> findDetails(String taskUUID) {
        long now = System.nanoTime();
        return Optional.ofNullable(tasks.get(taskUUID)).filter(t -> t.detailedAt(now, retentionNanos()));
    }

    /**
     * Starts the task; answers false (and starts nothing) when its taskUUID is in use.
     *
     * @param original the task object as it was sent, for getTaskDetails
     */
    boolean start(ValidatedVideoTask request, Map<String, Object> original) {
        VideoTask task = draw(request, original);
        VideoTask previous = tasks.putIfAbsent(request.taskUUID(), task);
        if (previous != null) {
            if (isKnown(request.taskUUID()) || !tasks.replace(request.taskUUID(), previous, task)) {
                return false;
            }
        }
        for (int step = 0; step < task.steps(); step++) {
            task.addTimer(scheduler.schedule(() -> advance(task), task.stepDelayNanos(step), TimeUnit.NANOSECONDS));
        }
        return true;
    }

    /** getResponse forgets that task now (getTaskDetails keeps it); answers whether it was known. */
    boolean forgetForGetResponse(String taskUUID) {
        Optional<VideoTask> task = find(taskUUID);
        task.ifPresent(VideoTask::forgetForGetResponse);
        return task.isPresent();
    }

    /** Finishes every running task now: all remaining results, or the failure. */
    void completeAll() {
        for (VideoTask task : tasks.values()) {
            if (!task.finished()) {
                task.cancelTimers();
                while (!task.finished()) {
                    advance(task);
                }
            }
        }
    }

    /** Drops the tasks neither getResponse nor getTaskDetails knows any more. */
    void purgeForgotten() {
        tasks.keySet().removeIf(uuid -> !isKnown(uuid));
    }

    /** Forgets every task, abandons their deliveries and restarts the random sequence from {@code seed}. */
    void reset(long seed) {
        deliveries.reset();
        tasks.values().forEach(VideoTask::cancelTimers);
        tasks.clear();
        synchronized (random) {
            random.setSeed(seed ^ SEED_SALT);
        }
    }

    private long retentionNanos() {
        return settings.taskDetailsRetention().toNanos();
    }

    private VideoTask draw(ValidatedVideoTask request, Map<String, Object> original) {
        String taskFailure = faults.nextTaskFailure().orElse(null);
        String[] resultFailures = faults.nextResultFailures(request.numberResults());
        List<VideoTask.ResultDraw> draws = new ArrayList<>();
        long renderNanos;
        synchronized (random) {
            long spread = renderSpread.toNanos();
            long offset = spread == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * spread);
            renderNanos = Math.max(0, renderTime.toNanos() + offset);
            for (int i = 0; i < request.numberResults(); i++) {
                draws.add(new VideoTask.ResultDraw(uuidV4(random), random.nextInt(Integer.MAX_VALUE) + 1L,
                        resultFailures[i], faults.nextVideoNotReady()));
            }
        }
        return new VideoTask(request, original, System.nanoTime(), renderNanos, draws, taskFailure);
    }

    private void advance(VideoTask task) {
        ValidatedVideoTask request = task.request();
        if (task.failsAsAWhole()) {
            RunwareError error = task.failTask();
            if (error != null) {
                journal.recordFailedResults(request.numberResults());
                postError(request, error, null);
            }
            return;
        }
        Map<String, Object> item;
        MediaContent content;
        synchronized (task) {
            VideoTask.ResultDraw draw = task.nextDraw();
            if (draw == null) {
                return;
            }
            int index = task.nextIndex();
            if (draw.failureCode() != null) {
                RunwareError error = task.failResult();
                journal.recordFailedResults(1);
                postError(request, error, index);
                return;
            }
            content = outputs.contentFor(draw.videoUUID(), draw.seed(), request);
            String url = media.put(draw.videoUUID(), request.outputFormat().extension(),
                    request.outputFormat().contentType(), MediaKind.VIDEO, content, request.ttl(), false);
            if (draw.notReady()) {
                media.notReadyFor(draw.videoUUID(), 1);
            }
            item = resultItem(request, draw, url);
            task.succeed(item);
            journal.recordBilledResult(request.costPerResult());
            if (settings.resultIndex()) {
                item = new LinkedHashMap<>(item);
                item.put("resultIndex", index);
            }
        }
        if (request.webhookURL() != null) {
            deliveries.postWebhook(request.webhookURL(), Json.write(Map.of("data", List.of(item))));
        }
        if (request.uploadEndpoint() != null) {
            deliveries.putUpload(request.uploadEndpoint(), content);
        }
    }

    /** Sends a failed result (or task) to the webhook, in the form its getResponse answer shows it. */
    private void postError(ValidatedVideoTask request, RunwareError error, Integer index) {
        if (request.webhookURL() == null) {
            return;
        }
        Integer shown = settings.resultIndex() ? index : null;
        Object body = index != null && settings.resultErrorForm() == ResultErrorForm.DATA_ITEM
                ? Map.of("data", List.of(VideoTask.errorItem(error, shown)))
                : Map.of("errors", List.of(error.resultIndex(shown).toJson()));
        deliveries.postWebhook(request.webhookURL(), Json.write(body));
    }

    private static Map<String, Object> resultItem(ValidatedVideoTask request, VideoTask.ResultDraw draw, String url) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("taskType", "videoInference");
        item.put("taskUUID", request.taskUUID());
        item.put("status", VideoTask.SUCCESS);
        item.put("videoUUID", draw.videoUUID());
        item.put("videoURL", url);
        item.put("seed", draw.seed());
        item.put("NSFWContent", false);
        if (request.includeCost()) {
            item.put("cost", request.costPerResult());
        }
        return item;
    }

    /** A random UUID with the version 4 and variant bits set, drawn from the seeded generator. */
    static String uuidV4(Random random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
