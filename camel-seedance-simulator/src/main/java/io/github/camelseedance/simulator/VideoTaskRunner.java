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
 * Moves accepted video tasks along on a shared scheduler: each task gets one timer per result (or one for its
 * failure), its results are stored as media and pushed to the webhook and upload endpoint as they finish. A
 * finished task is forgotten (getResponse answers taskNotFound, its uuid may be used again) once its {@code ttl}
 * has passed, so a long-running simulator does not grow without bound.
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
    private final Duration renderTime;
    private final Duration renderSpread;
    private final Random random;

    VideoTaskRunner(ScheduledExecutorService scheduler, FaultPlan faults, MediaStore media, VideoOutputs outputs,
                    OutgoingDeliveries deliveries, Duration renderTime,
                    Duration renderSpread, long seed) {
        this.scheduler = scheduler;
        this.faults = faults;
        this.media = media;
        this.outputs = outputs;
        this.deliveries = deliveries;
        this.renderTime = renderTime;
        this.renderSpread = renderSpread;
        this.random = new Random(seed ^ SEED_SALT);
    }

    boolean isKnown(String taskUUID) {
        return tasks.containsKey(taskUUID);
    }

    Optional<VideoTask> find(String taskUUID) {
        return Optional.ofNullable(tasks.get(taskUUID));
    }

    /** Starts the task; answers false (and starts nothing) when its taskUUID is already taken. */
    boolean start(ValidatedVideoTask request) {
        VideoTask task = draw(request);
        if (tasks.putIfAbsent(request.taskUUID(), task) != null) {
            return false;
        }
        for (int step = 0; step < task.steps(); step++) {
            task.addTimer(scheduler.schedule(() -> advance(task), task.stepDelayNanos(step), TimeUnit.NANOSECONDS));
        }
        return true;
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

    /** Forgets every task, abandons their deliveries and restarts the random sequence from {@code seed}. */
    void reset(long seed) {
        deliveries.reset();
        tasks.values().forEach(VideoTask::cancelTimers);
        tasks.clear();
        synchronized (random) {
            random.setSeed(seed ^ SEED_SALT);
        }
    }

    private VideoTask draw(ValidatedVideoTask request) {
        String failure = faults.nextTaskFailure().orElse(null);
        List<VideoTask.ResultDraw> draws = new ArrayList<>();
        long renderNanos;
        synchronized (random) {
            long spread = renderSpread.toNanos();
            long offset = spread == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * spread);
            renderNanos = Math.max(0, renderTime.toNanos() + offset);
            for (int i = 0; i < request.numberResults(); i++) {
                draws.add(new VideoTask.ResultDraw(uuidV4(random), random.nextInt(Integer.MAX_VALUE) + 1L));
            }
        }
        return new VideoTask(request, System.nanoTime(), renderNanos, draws, failure);
    }

    private void advance(VideoTask task) {
        if (task.failureCode() != null) {
            RunwareError error = task.fail();
            if (error != null) {
                forgetLater(task);
            }
            if (error != null && task.request().webhookURL() != null) {
                deliveries.postWebhook(task.request().webhookURL(),
                        Json.write(Map.of("errors", List.of(error.toJson()))));
            }
            return;
        }
        ValidatedVideoTask request = task.request();
        Map<String, Object> item;
        MediaContent content;
        synchronized (task) {
            VideoTask.ResultDraw draw = task.nextDraw();
            if (draw == null) {
                return;
            }
            content = outputs.contentFor(draw.videoUUID(), request);
            String url = media.put(draw.videoUUID(), request.outputFormat().extension(),
                    request.outputFormat().contentType(), MediaKind.VIDEO, content, request.ttl());
            item = resultItem(request, draw, url);
            task.addResult(item);
            if (task.finished()) {
                forgetLater(task);
            }
        }
        if (request.webhookURL() != null) {
            deliveries.postWebhook(request.webhookURL(), Json.write(Map.of("data", List.of(item))));
        }
        if (request.uploadEndpoint() != null) {
            deliveries.putUpload(request.uploadEndpoint(), content);
        }
    }

    private void forgetLater(VideoTask task) {
        task.addTimer(scheduler.schedule(() -> tasks.remove(task.taskUUID(), task),
                task.request().ttl().toNanos(), TimeUnit.NANOSECONDS));
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
