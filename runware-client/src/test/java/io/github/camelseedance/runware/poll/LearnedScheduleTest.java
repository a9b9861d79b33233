package io.github.camelseedance.runware.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learned poll schedule against the fixed ladder, in virtual time ({@link VirtualPolling}): the same seeded tasks
 * under both, counting polls and the delay between each task's finish and the poll that sees it. Each schedule first
 * waits for the tasks once (the learned one learns, starting on the ladder), then for the same tasks again: the
 * figures compared are the second round's, those of a route that has run a while.
 */
class LearnedScheduleTest {

    private static final RenderKey KEY = new RenderKey("bytedance:seedance@2.0-mini", "480p", 5);
    private static final WaitPolicy DEFAULTS = WaitPolicy.defaults();
    private static final long SECOND = 1_000_000_000L;

    static Stream<Arguments> workloads() {
        return Stream.of(
                Arguments.of("2,000 renders of 60 s +- 30 s", 2_000, Duration.ofSeconds(60), Duration.ofSeconds(30)),
                Arguments.of("500 renders of 60 s +- 3 s", 500, Duration.ofSeconds(60), Duration.ofSeconds(3)),
                Arguments.of("500 renders of 15 s +- 5 s", 500, Duration.ofSeconds(15), Duration.ofSeconds(5)),
                Arguments.of("500 renders of 180 s +- 60 s", 500, Duration.ofSeconds(180), Duration.ofSeconds(60)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void fewerPollsAndNoLaterNoticeThanTheLadderForTheSameTasks(String name, int count, Duration render,
                                                                Duration spread) {
        List<VirtualPolling.Task> tasks = VirtualPolling.tasks(42, count, KEY, Duration.ofSeconds(60), render,
                spread);

        for (int batch : new int[]{ VideoTaskTracker.DEFAULT_MAX_BATCH_SIZE, 1 }) {
            VirtualPolling onFixed = new VirtualPolling(DEFAULTS, batch);
            VirtualPolling onLearned = new VirtualPolling(DEFAULTS, batch);
            VirtualPolling.Result fixedFirst = onFixed.run(tasks, PollSchedule.fixed);
            VirtualPolling.Result learnedFirst = onLearned.run(tasks, PollSchedule.learned);
            VirtualPolling.Result fixed = onFixed.run(tasks, PollSchedule.fixed);
            VirtualPolling.Result learned = onLearned.run(tasks, PollSchedule.learned);

            String polling = batch > 1 ? "batched polls" : "one task per request";
            System.out.printf("%s, default ladder, %s:%n  first round  fixed   %s%n  first round  learned %s%n"
                              + "  second round fixed   %s%n  second round learned %s%n",
                    name, polling, fixedFirst, learnedFirst, fixed, learned);
            assertThat(fixed).isEqualTo(fixedFirst);
            assertThat(learnedFirst.polls()).as("learning, " + polling).isLessThanOrEqualTo(fixedFirst.polls());
            assertThat(learned.polls()).as(polling).isLessThan(fixed.polls());
            assertThat(learned.meanDelay()).as(polling).isLessThanOrEqualTo(fixed.meanDelay());
            assertThat(learned.requests()).as(polling).isLessThanOrEqualTo(fixed.requests());
        }
    }

    @Test
    void untilAKeyHasEnoughObservationsItsTasksFollowTheLadderUnchanged() {
        List<VirtualPolling.Task> few = VirtualPolling.tasks(7, RenderTimeEstimates.DEFAULT_MIN_OBSERVATIONS - 1, KEY,
                Duration.ZERO, Duration.ofSeconds(40), Duration.ZERO);
        List<VirtualPolling.Task> one = VirtualPolling.tasks(8, 1, KEY, Duration.ZERO, Duration.ofSeconds(40),
                Duration.ZERO);
        VirtualPolling learning = new VirtualPolling(DEFAULTS, 1);
        learning.run(few, PollSchedule.learned);
        List<List<Long>> learnedTimes = new ArrayList<>();
        List<List<Long>> fixedTimes = new ArrayList<>();

        learning.run(one, PollSchedule.learned, learnedTimes);
        new VirtualPolling(DEFAULTS, 1).run(one, PollSchedule.fixed, fixedTimes);

        assertThat(learning.estimates().estimate(KEY)).isPresent();
        assertThat(learnedTimes).isEqualTo(fixedTimes);
        assertThat(fixedTimes.get(0)).containsExactly(5 * SECOND, 7 * SECOND, 10 * SECOND, 14_500_000_000L,
                21_250_000_000L, 31_250_000_000L, 41_250_000_000L);
    }

    @Test
    void aTaskFarSlowerThanLearnedIsPolledOnTheLadderAfterItsWindow() {
        VirtualPolling learning = new VirtualPolling(DEFAULTS, 1);
        learning.run(VirtualPolling.tasks(3, 20, KEY, Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ofSeconds(1)), PollSchedule.learned);
        RenderTimeEstimates.Estimate learned = learning.estimates().estimate(KEY).orElseThrow();
        List<VirtualPolling.Task> slow = List.of(new VirtualPolling.Task(KEY, 0, 300 * SECOND));
        List<List<Long>> learnedTimes = new ArrayList<>();
        List<List<Long>> fixedTimes = new ArrayList<>();

        VirtualPolling.Result onLearned = learning.run(slow, PollSchedule.learned, learnedTimes);
        VirtualPolling.Result onFixed = new VirtualPolling(DEFAULTS, 1).run(slow, PollSchedule.fixed, fixedTimes);

        long windowEnd = learned.mean().toNanos() + (long) (PollPlan.SPREADS
                                                            * Math.max(learned.spread().toNanos(),
                                                                    learned.mean().toNanos() / 20.0));
        List<Long> times = learnedTimes.get(0);
        List<Long> afterWindow = times.stream().filter(t -> t > windowEnd).toList();
        assertThat(times.get(0)).isGreaterThan(10 * SECOND);
        assertThat(afterWindow).hasSizeGreaterThan(25);
        for (int i = 1; i < afterWindow.size(); i++) {
            assertThat(afterWindow.get(i) - afterWindow.get(i - 1)).isEqualTo(DEFAULTS.maxInterval().toNanos());
        }
        assertThat(afterWindow.get(0) - times.get(times.indexOf(afterWindow.get(0)) - 1))
                .isLessThanOrEqualTo(DEFAULTS.maxInterval().toNanos());
        assertThat(onLearned.polls()).isLessThan(onFixed.polls());
        assertThat(onLearned.maxDelayNanos()).isLessThanOrEqualTo(DEFAULTS.maxInterval().toNanos());
    }

    @Test
    void aRenderTimeCountsFromTheSubmitsAcknowledgementToTheMiddleOfItsLastPollsOrItsWebhook() {
        TrackedTask task = new TrackedTask("t", 1, DEFAULTS.withSchedule(PollSchedule.learned, KEY), null, null, 0);
        task.renderStart = 2 * SECOND;

        assertThat(task.renderTime(10 * SECOND, true)).isEqualTo(Duration.ofSeconds(8));
        assertThat(task.renderTime(10 * SECOND, false)).isEqualTo(Duration.ofSeconds(4));

        task.startPoll(6 * SECOND);
        task.sawRunning(null, 6 * SECOND);

        assertThat(task.renderTime(10 * SECOND, false)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aLadderFarFinerThanTheRenderTimesStaysTheLadder() {
        WaitPolicy fine = new WaitPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 1, Duration.ofMillis(1),
                Duration.ofHours(1));
        RenderTimeEstimates.Estimate twentyMinutes = new RenderTimeEstimates.Estimate(Duration.ofMinutes(20),
                Duration.ofMinutes(2), 10);

        assertThat(PollPlan.learned(fine, twentyMinutes, 0, 0, 0)).isNull();
        assertThat(
                new TrackedTask("t", 1, fine.withSchedule(PollSchedule.learned, KEY), twentyMinutes, null, 0).nextDue)
                .isEqualTo(1_000_000L);
    }

    @Test
    void aWindowNeverStartsBeforeTheInitialDelayNorHoldsMorePollsThanTheLadderUpToItsEnd() {
        Random random = new Random(11);
        WaitPolicy policy = new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(2), 1.5, Duration.ofSeconds(10),
                Duration.ofMinutes(20));
        int windows = 0;
        for (int i = 0; i < 2_000; i++) {
            long mean = (long) (random.nextDouble() * 600 * SECOND);
            long spread = (long) (random.nextDouble() * mean);
            long to = mean + (long) (PollPlan.SPREADS * Math.max(spread, mean / 20.0));
            PollPlan plan = PollPlan.learned(policy,
                    new RenderTimeEstimates.Estimate(Duration.ofNanos(mean), Duration.ofNanos(spread), 10), 0, 0, 0);
            if (plan == null) {
                continue;
            }
            windows++;
            List<Long> polls = new ArrayList<>();
            long due = plan.firstDue();
            while (due <= to) {
                polls.add(due);
                due = plan.nextAfter(due, due, due);
            }
            int ladderPolls = 0;
            for (long t = 5 * SECOND, gap = 2 * SECOND; t <= to; t += gap, gap = Math.min(gap * 3 / 2, 10 * SECOND)) {
                ladderPolls++;
            }
            assertThat(polls).as("mean %s, spread %s", mean, spread).hasSizeLessThanOrEqualTo(ladderPolls)
                    .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(5 * SECOND));
        }
        assertThat(windows).isGreaterThan(1_000);
    }
}
