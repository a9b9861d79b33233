package io.github.camelseedance.examples.studio;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The studio's queue: every input it has seen since it started, waiting, rendering, done or failed, in the order
 * they came. The routes move the inputs along; the console and the page listen ({@link #listen(Consumer)}) and get
 * each changed job.
 */
public final class StudioJobs {

    /** Finished jobs kept for the page; older ones are dropped (their files stay in the outbox). */
    static final int KEEP_FINISHED = 200;

    private final Map<String, StudioJob> jobs = new LinkedHashMap<>();
    private final List<Consumer<StudioJob>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final RenderTimes renderTimes;
    private final Clock clock;

    StudioJobs(RenderTimes renderTimes, Clock clock) {
        this.renderTimes = renderTimes;
        this.clock = clock;
    }

    /** Calls {@code listener} with every job that changes from now on. */
    public void listen(Consumer<StudioJob> listener) {
        listeners.add(listener);
    }

    /** Stops calling {@code listener}. */
    public void unlisten(Consumer<StudioJob> listener) {
        listeners.remove(listener);
    }

    /** Every job, oldest first. */
    public synchronized List<StudioJob> all() {
        return List.copyOf(jobs.values());
    }

    /** The job of that id, or null. */
    public synchronized StudioJob get(String id) {
        return jobs.get(id);
    }

    /** An input seen in the inbox and not picked up yet (once per file: a file already known is left as it is). */
    StudioJob waiting(String input) {
        StudioJob job;
        synchronized (this) {
            if (activeFor(input) != null) {
                return null;
            }
            job = StudioJob.waiting(nextId(input), input, clock.instant());
            jobs.put(job.id(), job);
        }
        publish(job);
        return job;
    }

    /** The input was picked up and is being sent: its render starts now. */
    StudioJob rendering(String input, String prompt, Map<String, Object> options, String taskUUID) {
        int seconds = options.get("duration") instanceof Number n ? n.intValue() : 5;
        StudioJob job;
        synchronized (this) {
            job = knownOrNew(input).rendering(prompt, options, clock.instant(), renderTimes.estimate(seconds),
                    taskUUID);
            jobs.put(job.id(), job);
        }
        publish(job);
        return job;
    }

    /** Its videos are written. */
    void done(String id, List<StudioJob.Video> videos, BigDecimal cost) {
        StudioJob job = update(id, j -> j.done(videos, cost, clock.instant()));
        if (job != null && job.startedAt() != null && job.options() != null
            && job.options().get("duration") instanceof Number n) {
            renderTimes.observed(n.intValue(), Duration.between(job.startedAt(), job.finishedAt()));
        }
    }

    /** It failed; {@code retryFrom} is its copy in {@code inbox/.done} for "try again" (null: none). */
    void failed(String input, String id, String reason, List<String> parameters, String retryFrom) {
        String known = id;
        if (known == null) {
            synchronized (this) {
                StudioJob job = knownOrNew(input);
                jobs.put(job.id(), job);
                known = job.id();
            }
        }
        update(known, j -> j.failed(reason, parameters, retryFrom, clock.instant()));
    }

    /** It could not be sent: it waits in the inbox again, with the reason. */
    void putBack(String id, String reason) {
        if (id != null) {
            update(id, j -> j.putBack(reason));
        }
    }

    /** The studio stops: what is still waiting or rendering is abandoned (and resumed on the next start). */
    List<StudioJob> abandonActive() {
        List<StudioJob> abandoned = new ArrayList<>();
        synchronized (this) {
            for (StudioJob job : List.copyOf(jobs.values())) {
                if (job.active()) {
                    StudioJob now = job.abandoned(clock.instant());
                    jobs.put(now.id(), now);
                    abandoned.add(job);
                }
            }
        }
        abandoned.forEach(job -> publish(get(job.id())));
        return abandoned;
    }

    /** The expected render time of a video of that many seconds. */
    double estimate(int videoSeconds) {
        return renderTimes.estimate(videoSeconds);
    }

    Instant now() {
        return clock.instant();
    }

    private StudioJob update(String id, java.util.function.UnaryOperator<StudioJob> change) {
        StudioJob job;
        synchronized (this) {
            StudioJob before = jobs.get(id);
            if (before == null) {
                return null;
            }
            job = change.apply(before);
            jobs.put(id, job);
            trim();
        }
        publish(job);
        return job;
    }

    private StudioJob activeFor(String input) {
        for (StudioJob job : jobs.values()) {
            if (job.input().equals(input) && job.active()) {
                return job;
            }
        }
        return null;
    }

    private StudioJob knownOrNew(String input) {
        StudioJob known = activeFor(input);
        return known != null ? known : StudioJob.waiting(nextId(input), input, clock.instant());
    }

    private String nextId(String input) {
        return sequence.incrementAndGet() + "-" + input.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Drops the oldest finished jobs beyond {@link #KEEP_FINISHED}. */
    private void trim() {
        long finished = jobs.values().stream().filter(j -> !j.active()).count();
        var it = jobs.values().iterator();
        while (finished > KEEP_FINISHED && it.hasNext()) {
            if (!it.next().active()) {
                it.remove();
                finished--;
            }
        }
    }

    private void publish(StudioJob job) {
        for (Consumer<StudioJob> listener : listeners) {
            listener.accept(job);
        }
    }
}
