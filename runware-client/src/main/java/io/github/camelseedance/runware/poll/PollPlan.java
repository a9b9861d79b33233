package io.github.camelseedance.runware.poll;

import java.time.Duration;
import java.util.Arrays;

/**
 * When one task is polled, in {@link System#nanoTime()} terms: the ladder of its {@link WaitPolicy}, or (a
 * {@link PollSchedule#learned} schedule with an estimate) a window of polls around its expected finish, followed by
 * the ladder.
 * <p>
 * The window spans the estimate's mean plus or minus {@value #SPREADS} spreads (a spread at least
 * {@value #MIN_SPREAD_PERCENT}% of the mean). It is only made when it starts no earlier than the task's next poll on
 * the ladder (never before the policy's initial delay): no polls until then. Its budget is what the ladder sends up
 * to the window's end, less the polls the task already had, less half of the ladder's polls it skips before the
 * window: a task never has more polls by the window's end than on the ladder, and fewer whenever the window skips a
 * ladder poll. The polls are spaced densest at the expected finish, the gap growing with the distance from it as
 * {@code exp(z^2 / 4)} ({@code z} in spreads: a density of polls proportional to the square root of a normal density
 * of finishes, which minimises the expected delay between a finish and the poll that sees it), and no gap wider than
 * {@value #WIDEST_GAP} of the ladder's own at that time (the whole of it when the budget needs). They fall on shared
 * ticks ({@link #tick}), so that the polls of many tasks go out together. After the window the ladder goes on, at the
 * interval it has reached by then: a task far slower than expected is polled as on the ladder. No window is made
 * when the ladder would send more than {@value #MOST_POLLS} polls up to its end.
 */
final class PollPlan {

    /** The window's half width, in spreads. */
    static final double SPREADS = 2;
    /** The smallest spread used, in percent of the mean: render times are never quite exact. */
    static final int MIN_SPREAD_PERCENT = 5;
    /**
     * The widest gap in a window, as a part of the ladder's gap at that time: with a quarter gap's early join, no gap
     * is wider than the ladder's.
     */
    static final double WIDEST_GAP = 0.8;
    /**
     * The most polls the ladder may send up to a window's end for a window to be made: beyond, the ladder's intervals
     * are too short against the render times for a window to save anything worth its planning.
     */
    static final int MOST_POLLS = 1_000;
    /** How many ticks of the learned windows fit in the policy's first interval. */
    static final int TICKS_PER_INTERVAL = 4;

    private static final long[] NO_WINDOW = new long[0];

    private final WaitPolicy policy;
    private final long start;
    /** The learned polls, absolute and ascending; empty on the ladder. */
    private final long[] window;
    /** The ladder's polls before the window that the plan leaves out. */
    private final int saved;
    /** The index of the upcoming learned poll. */
    private int upcoming;
    /** The ladder: its intervals, and once the window is over the offset it has reached. */
    private final Ladder ladder;
    /** Whether the window (if any) is over: the ladder goes on. */
    private boolean onLadder;
    /** The mean and spread of the last estimate the plan was weighed against, in nanoseconds; mean -1 for none. */
    private long mean = -1;
    private double sigma;

    private PollPlan(WaitPolicy policy, long start, long[] window, int saved) {
        this.policy = policy;
        this.start = start;
        this.window = window;
        this.saved = saved;
        this.ladder = new Ladder(policy);
        this.onLadder = window.length == 0;
    }

    /**
     * @param  policy the wait policy
     * @param  start  when the wait started
     * @return        the ladder of the policy
     */
    static PollPlan ladder(WaitPolicy policy, long start) {
        return new PollPlan(policy, start, NO_WINDOW, 0);
    }

    /**
     * A learned window for a task, when one helps.
     *
     * @param  policy   the wait policy
     * @param  estimate the render times of the task's key
     * @param  start    when the task's submit was acknowledged
     * @param  now      now (the start, or later when the estimate came or moved while the task ran)
     * @param  spent    the polls the task had so far, plus those its earlier plans saved
     * @return          the window around the expected finish, then the ladder; {@code null} when the window would
     *                  start before the task's next poll on the ladder, or end before it, or the budget cannot cover
     *                  it
     */
    static PollPlan learned(WaitPolicy policy, RenderTimeEstimates.Estimate estimate, long start, long now,
                            int spent) {
        long mean = estimate.mean().toNanos();
        double sigma = sigmaOf(estimate);
        long elapsed = now - start;
        long from = Math.max(policy.initialDelay().toNanos(), (long) (mean - SPREADS * sigma));
        long to = (long) (mean + SPREADS * sigma);
        int ladderPolls = Ladder.pollsUpTo(policy, to);
        if (ladderPolls > MOST_POLLS) {
            return null;
        }
        int before = Ladder.pollsUpTo(policy, elapsed);
        if (to < from || from < Ladder.offsetOfPoll(policy, before)) {
            return null;
        }
        int saved = (Ladder.pollsUpTo(policy, from - 1) - before + 1) / 2;
        int budget = ladderPolls - spent - saved;
        long[] offsets = budget < 1 ? null : window(policy, mean, sigma, from, to, budget);
        if (offsets == null) {
            return null;
        }
        PollPlan plan = new PollPlan(policy, start, onTicks(policy, start, offsets), saved);
        plan.weighed(estimate);
        return plan;
    }

    private static double sigmaOf(RenderTimeEstimates.Estimate estimate) {
        return Math.max(estimate.spread().toNanos(), estimate.mean().toNanos() * MIN_SPREAD_PERCENT / 100.0);
    }

    /** Remembers the estimate the plan was weighed against (made with, or kept despite). */
    void weighed(RenderTimeEstimates.Estimate estimate) {
        mean = estimate.mean().toNanos();
        sigma = sigmaOf(estimate);
    }

    /**
     * @return whether an estimate is as the one the plan was last weighed against: mean and spread within a quarter
     *         spread (a plan is not weighed again for every observation)
     */
    boolean fits(RenderTimeEstimates.Estimate estimate) {
        return mean >= 0 && Math.abs(estimate.mean().toNanos() - mean) <= sigma / 4
               && Math.abs(sigmaOf(estimate) - sigma) <= sigma / 4;
    }

    /** @return the ladder's polls before the window this plan leaves out */
    int saved() {
        return saved;
    }

    /** @return the time of the plan's first poll */
    long firstDue() {
        return window.length > 0 ? window[0] : start + ladder.time;
    }

    /**
     * The poll due at {@code due} and sent at {@code sent} was answered at {@code now}: the time of the next one. In the
     * window its next poll; on the ladder one interval after the answered poll was due (or sent, when it joined a
     * batch early), the interval growing per poll (after a window, from the interval the ladder has reached by then):
     * the time an answer takes does not push the ladder later poll after poll. But never sooner than half an interval
     * after the answer, so that slow answers space the polls out rather than bunch them up.
     *
     * @param  due  the time the answered poll was due
     * @param  sent the time it was sent
     * @param  now  now
     * @return      the next poll's time
     */
    long nextAfter(long due, long sent, long now) {
        if (!onLadder) {
            long after = Math.max(due, now);
            while (upcoming < window.length && window[upcoming] - after <= 0) {
                upcoming++;
            }
            if (upcoming < window.length) {
                return window[upcoming];
            }
            onLadder = true;
            while (ladder.time <= now - start) {
                ladder.advance();
            }
            return now + ladder.gapBefore;
        }
        ladder.advance();
        return Math.max(Math.min(due, sent) + ladder.gapBefore, now + ladder.gapBefore / 2);
    }

    /**
     * @return how long before its time the upcoming poll may join a batch: on the ladder half the gap that follows it,
     *         in the window a quarter (for its last poll, of the gap before it): a poll taken early never leaves a gap
     *         wider than the ladder's after it
     */
    long earlyMargin() {
        if (onLadder) {
            return ladder.gapAfter / 2;
        }
        if (upcoming + 1 < window.length) {
            return (window[upcoming + 1] - window[upcoming]) / 4;
        }
        return (upcoming > 0 ? window[upcoming] - window[upcoming - 1] : ladder.gapAfter) / 4;
    }

    /**
     * The densest spacing of the window from {@code from} to {@code to} with at most {@code budget} polls, as offsets;
     * {@code null} when even the ladder's own gaps need more.
     */
    private static long[] window(WaitPolicy policy, long mean, double sigma, long from, long to, int budget) {
        long[] polls = spaced(policy, from, to, mean, sigma, policy.maxInterval().toNanos(), WIDEST_GAP, budget);
        if (polls.length > budget) {
            polls = spaced(policy, from, to, mean, sigma, policy.maxInterval().toNanos(), 1, budget);
            return polls.length > budget ? null : polls;
        }
        double low = tick(policy);
        double high = policy.maxInterval().toNanos();
        for (int i = 0; i < 40 && high - low > 1_000_000; i++) {
            double centre = (low + high) / 2;
            long[] denser = spaced(policy, from, to, mean, sigma, centre, WIDEST_GAP, budget);
            if (denser.length <= budget) {
                polls = denser;
                high = centre;
            } else {
                low = centre;
            }
        }
        return polls;
    }

    /**
     * Polls from {@code from} to {@code to}, {@code centreGap} apart at the mean, wider away from it, no gap wider
     * than {@code widest} of the ladder's; the first {@code budget + 1} only, when there are more.
     */
    private static long[] spaced(WaitPolicy policy, long from, long to, long mean, double sigma, double centreGap,
                                 double widest, int budget) {
        long[] polls = new long[16];
        int count = 0;
        Ladder ladder = new Ladder(policy);
        long t = from;
        while (t <= to && count <= budget) {
            if (count == polls.length) {
                polls = Arrays.copyOf(polls, count * 2);
            }
            polls[count++] = t;
            while (ladder.time + ladder.gapAfter <= t && ladder.gapAfter < policy.maxInterval().toNanos()) {
                ladder.advance();
            }
            double z = (t - mean) / sigma;
            t += Math.max(1, (long) Math.min(ladder.gapAfter * widest, centreGap * Math.exp(z * z / 4)));
        }
        return Arrays.copyOf(polls, count);
    }

    /**
     * The offsets as times on the shared ticks ({@link #tick}), each moved up to the next tick: the polls of all
     * tasks in their windows fall on the same few times, and go out together in one batched request.
     */
    private static long[] onTicks(WaitPolicy policy, long start, long[] offsets) {
        long tick = tick(policy);
        long[] times = new long[offsets.length];
        int count = 0;
        for (long offset : offsets) {
            long time = start + offset;
            time += Math.floorMod(-time, tick);
            if (count == 0 || time - times[count - 1] > 0) {
                times[count++] = time;
            }
        }
        return Arrays.copyOf(times, count);
    }

    /** The spacing of the ticks learned polls fall on: a quarter of the policy's first interval. */
    static long tick(WaitPolicy policy) {
        return Math.max(1, policy.interval().toNanos() / TICKS_PER_INTERVAL);
    }

    /** The ladder's ideal poll times, as offsets from the start of the wait. */
    private static final class Ladder {
        private final WaitPolicy policy;
        /** The offset of the current poll. */
        long time;
        /** The gap before the current poll (the initial delay for the first). */
        long gapBefore;
        /** The gap after the current poll. */
        long gapAfter;

        Ladder(WaitPolicy policy) {
            this.policy = policy;
            this.time = policy.initialDelay().toNanos();
            this.gapBefore = time;
            this.gapAfter = policy.interval().toNanos();
        }

        void advance() {
            time += gapAfter;
            gapBefore = gapAfter;
            gapAfter = policy.next(Duration.ofNanos(gapAfter)).toNanos();
        }

        /** How many of the ladder's polls fall at or before an offset ({@code MOST_POLLS + 1} for more). */
        static int pollsUpTo(WaitPolicy policy, long offset) {
            Ladder ladder = new Ladder(policy);
            int polls = 0;
            while (ladder.time <= offset && polls <= MOST_POLLS) {
                polls++;
                ladder.advance();
            }
            return polls;
        }

        /** The offset of the ladder's poll of that index (0 for the first). */
        static long offsetOfPoll(WaitPolicy policy, int index) {
            Ladder ladder = new Ladder(policy);
            for (int i = 0; i < index; i++) {
                ladder.advance();
            }
            return ladder.time;
        }
    }
}
