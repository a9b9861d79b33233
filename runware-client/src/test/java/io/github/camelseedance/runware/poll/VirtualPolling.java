package io.github.camelseedance.runware.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs the tracker's schedule in virtual time: the tasks' {@link TrackedTask} plans, polled in ticks as
 * {@link VideoTaskTracker}'s cycle polls them (every task due at a tick, batched with those due within their early
 * margin), answered at once, learning into {@link RenderTimeEstimates} as the tracker does. No thread, no clock: the
 * same tasks give the same figures.
 */
final class VirtualPolling {

    /** A task: its key, when its submit is acknowledged and how long it renders, in nanoseconds. */
    record Task(RenderKey key, long submitAt, long renderNanos) {
        long finish() {
            return submitAt + renderNanos;
        }
    }

    /**
     * What a run cost and how soon it saw the tasks done.
     *
     * @param tasks          the tasks
     * @param polls          the task polls sent (getResponse task objects)
     * @param requests       the poll requests sent
     * @param delayNanos     the sum over the tasks of the time between the finish and the poll that saw it
     * @param maxDelayNanos  the longest such time
     */
    record Result(int tasks, long polls, long requests, long delayNanos, long maxDelayNanos) {

        double pollsPerTask() {
            return (double) polls / tasks;
        }

        double requestsPerTask() {
            return (double) requests / tasks;
        }

        Duration meanDelay() {
            return Duration.ofNanos(delayNanos / tasks);
        }

        @Override
        public String toString() {
            return String.format("%.2f polls/task, %.3f requests/task, mean notice delay %.2f s (max %.2f s)",
                    pollsPerTask(), requestsPerTask(), delayNanos / 1e9 / tasks, maxDelayNanos / 1e9);
        }
    }

    private final WaitPolicy policy;
    private final int maxBatchSize;
    private final RenderTimeEstimates estimates;
    private long now;

    /**
     * @param policy       the wait policy (its schedule and key replaced per task)
     * @param maxBatchSize the most tasks in one poll request; 1 for no batching
     */
    VirtualPolling(WaitPolicy policy, int maxBatchSize) {
        this.policy = policy;
        this.maxBatchSize = maxBatchSize;
        this.estimates = new RenderTimeEstimates(RenderTimeEstimates.DEFAULT_MAX_KEYS,
                RenderTimeEstimates.DEFAULT_MIN_OBSERVATIONS, RenderTimeEstimates.DEFAULT_HALF_LIFE, () -> now);
    }

    /** @return what the runs learned, on the virtual clock */
    RenderTimeEstimates estimates() {
        return estimates;
    }

    /**
     * Seeded tasks of one key, acknowledged uniformly within {@code arrivals}, rendering uniformly within
     * {@code render +- spread}.
     */
    static List<Task> tasks(long seed, int count, RenderKey key, Duration arrivals, Duration render, Duration spread) {
        Random random = new Random(seed);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long submitAt = (long) (random.nextDouble() * arrivals.toNanos());
            long renderNanos = render.toNanos() + (long) ((random.nextDouble() * 2 - 1) * spread.toNanos());
            tasks.add(new Task(key, submitAt, renderNanos));
        }
        tasks.sort((a, b) -> Long.compare(a.submitAt, b.submitAt));
        return tasks;
    }

    /**
     * Waits for the tasks, the virtual clock going on from where the last run left it.
     *
     * @param  tasks    the tasks, by submit time (relative to the start of the run)
     * @param  schedule the schedule
     * @return          the figures
     */
    Result run(List<Task> tasks, PollSchedule schedule) {
        return run(tasks, schedule, null);
    }

    /**
     * As {@link #run(List, PollSchedule)}, recording each task's poll times (from its submit, in nanoseconds).
     */
    Result run(List<Task> tasks, PollSchedule schedule, List<List<Long>> pollTimes) {
        long origin = now;
        List<TrackedTask> active = new ArrayList<>();
        List<Task> of = new ArrayList<>();
        int arrived = 0;
        long polls = 0;
        long requests = 0;
        long delay = 0;
        long maxDelay = 0;
        boolean batching = maxBatchSize > 1;
        while (arrived < tasks.size() || !active.isEmpty()) {
            long next = arrived < tasks.size() ? origin + tasks.get(arrived).submitAt() : Long.MAX_VALUE;
            for (TrackedTask task : active) {
                next = Math.min(next, task.nextDue);
            }
            now = next;
            while (arrived < tasks.size() && origin + tasks.get(arrived).submitAt() <= now) {
                Task task = tasks.get(arrived++);
                WaitPolicy wait = policy.withSchedule(schedule, task.key());
                active.add(new TrackedTask("task-" + arrived, 1, wait, estimateFor(wait), null,
                        origin + task.submitAt()));
                of.add(task);
                if (pollTimes != null) {
                    pollTimes.add(new ArrayList<>());
                }
            }
            boolean anyDue = false;
            for (TrackedTask task : active) {
                anyDue |= task.pollableAt(now, false);
            }
            if (!anyDue) {
                continue;
            }
            List<Integer> due = new ArrayList<>();
            for (int i = 0; i < active.size(); i++) {
                if (active.get(i).pollableAt(now, batching)) {
                    due.add(i);
                }
            }
            polls += due.size();
            requests += (due.size() + maxBatchSize - 1) / maxBatchSize;
            List<Integer> finished = new ArrayList<>();
            for (int i : due) {
                TrackedTask tracked = active.get(i);
                Task task = of.get(i);
                if (pollTimes != null) {
                    pollTimes.get(Integer.parseInt(tracked.taskUUID.substring(5)) - 1).add(now - tracked.startedAt);
                }
                tracked.startPoll(now);
                tracked.polling = false;
                tracked.scheduleNextPoll(now);
                long finish = origin + task.finish();
                if (now - finish >= 0) {
                    estimates.observe(task.key(), tracked.renderTime(now, false));
                    delay += now - finish;
                    maxDelay = Math.max(maxDelay, now - finish);
                    finished.add(i);
                } else {
                    tracked.sawRunning(estimateFor(tracked.policy), now);
                }
            }
            for (int k = finished.size() - 1; k >= 0; k--) {
                int i = finished.get(k);
                active.remove(i);
                of.remove(i);
            }
        }
        return new Result(tasks.size(), polls, requests, delay, maxDelay);
    }

    private RenderTimeEstimates.Estimate estimateFor(WaitPolicy policy) {
        return policy.schedule() == PollSchedule.learned ? estimates.estimate(policy.renderKey()).orElse(null) : null;
    }
}
