package io.github.camelseedance.runware;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

import io.github.camelseedance.runware.DownloadLimiter.Transfer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The limiter's decisions, on a clock of the test's own: downloads are futures the test completes, and each window the
 * test delivers the bytes a network of a given shape would (more with more downloads at once, or the same whatever
 * their number).
 */
class DownloadLimiterTest {

    private static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(DownloadLimiter.WINDOW_MILLIS);

    private final AtomicLong clock = new AtomicLong();
    private final List<Running> running = new ArrayList<>();
    private final List<Integer> started = new ArrayList<>();

    @Test
    void growsWhileTheThroughputGrowsUpToItsCap() {
        DownloadLimiter limiter = DownloadLimiter.adaptive(4, 16, DownloadLimiter.Headroom.NONE, clock::get);
        submit(limiter, 200);
        assertThat(limiter.active()).isEqualTo(4);
        assertThat(limiter.waiting()).isEqualTo(196);

        List<Integer> limits = new ArrayList<>();
        for (int window = 0; window < 8; window++) {
            // each download moves the same bytes per window: throughput follows the downloads at once
            window(active -> active * 10_000);
            limits.add(limiter.limit());
            assertThat(limiter.active()).isLessThanOrEqualTo(16);
        }

        assertThat(limits).as("limit after each window").startsWith(6, 9, 13, 16).allMatch(limit -> limit <= 16);
        assertThat(limiter.active()).isEqualTo(16);
        assertThat(limiter.peakActive()).isEqualTo(16);
    }

    @Test
    void stepsBackWhenMoreDownloadsBringNoMoreThroughput() {
        DownloadLimiter limiter = DownloadLimiter.adaptive(4, 16, DownloadLimiter.Headroom.NONE, clock::get);
        submit(limiter, 200);

        window(active -> 40_000); // a link that moves 40 kB a window, however many share it
        assertThat(limiter.limit()).isEqualTo(6);
        window(active -> 40_000);
        assertThat(limiter.limit()).as("one window without a gain may be noise").isEqualTo(6);
        window(active -> 40_000);
        assertThat(limiter.limit()).as("6 at once moved no more than 4 over two windows").isEqualTo(4);
        for (int i = 0; i < DownloadLimiter.HOLD_WINDOWS; i++) {
            finishOne(false);
            window(active -> 40_000);
            assertThat(limiter.limit()).as("held after the step back").isEqualTo(4);
        }
        assertThat(limiter.active()).isEqualTo(4);
        window(active -> 40_000);
        assertThat(limiter.limit()).as("probing again after the hold").isEqualTo(6);
        assertThat(limiter.peakActive()).isEqualTo(6);
    }

    @Test
    void aWindowOfNoiseDoesNotStepBackAnIncreaseThatPays() {
        DownloadLimiter limiter = DownloadLimiter.adaptive(4, 16, DownloadLimiter.Headroom.NONE, clock::get);
        submit(limiter, 200);

        window(active -> 40_000);
        assertThat(limiter.limit()).isEqualTo(6);
        window(active -> 38_000); // a busy window: no gain seen
        assertThat(limiter.limit()).isEqualTo(6);
        window(active -> 54_000); // the two windows at 6 moved a tenth more than the one at 4
        assertThat(limiter.limit()).as("the increase paid on average: grow on").isEqualTo(9);
    }

    @Test
    void halvesAfterOverloadsDownToOne() {
        DownloadLimiter limiter = DownloadLimiter.adaptive(4, 16, DownloadLimiter.Headroom.NONE, clock::get);
        submit(limiter, 200);
        for (int window = 0; window < 4; window++) {
            window(active -> active * 10_000);
        }
        assertThat(limiter.limit()).isEqualTo(16);

        List<Integer> limits = new ArrayList<>();
        for (int window = 0; window < 6; window++) {
            finishOne(true); // a 503, a reset, a timeout
            window(active -> active * 10_000);
            limits.add(limiter.limit());
        }

        assertThat(limits).containsExactly(8, 4, 2, 1, 1, 1);
        while (limiter.active() > 1) {
            finishOne(false);
        }
        finishOne(false);
        assertThat(limiter.active()).as("no new start beyond the lowered limit").isEqualTo(1);
    }

    @Test
    void halvesWhenHeapOrFileHandlesRunShort() {
        AtomicBoolean short_ = new AtomicBoolean();
        DownloadLimiter limiter = DownloadLimiter.adaptive(4, 16, short_::get, clock::get);
        submit(limiter, 200);
        window(active -> active * 10_000);
        window(active -> active * 10_000);
        assertThat(limiter.limit()).isEqualTo(9);

        short_.set(true);
        window(active -> active * 10_000);
        assertThat(limiter.limit()).isEqualTo(4);
        window(active -> active * 10_000);
        assertThat(limiter.limit()).isEqualTo(2);
    }

    @Test
    void aFixedLimiterRunsItsNumberFirstComeFirstServed() {
        DownloadLimiter limiter = DownloadLimiter.fixed(3);
        submit(limiter, 10);
        assertThat(started).containsExactly(0, 1, 2);
        for (int window = 0; window < 5; window++) {
            window(active -> active * 10_000);
        }
        assertThat(limiter.limit()).isEqualTo(3);
        while (!running.isEmpty()) {
            finishOne(true);
            assertThat(limiter.active()).isLessThanOrEqualTo(3);
        }
        assertThat(started).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(limiter.peakActive()).isEqualTo(3);
        assertThat(limiter.limit()).as("overloads leave a fixed limit alone").isEqualTo(3);
    }

    @Test
    void downloadsEndingAtOnceStartTheNextWithoutNesting() {
        DownloadLimiter limiter = DownloadLimiter.fixed(1);
        CompletableFuture<Void> first = new CompletableFuture<>();
        limiter.run(transfer -> first);
        List<CompletableFuture<Object>> queued = new ArrayList<>();
        int[] deepest = { 0 };
        for (int i = 0; i < 20_000; i++) {
            queued.add(limiter.run(transfer -> {
                deepest[0] = Math.max(deepest[0], Thread.currentThread().getStackTrace().length);
                return CompletableFuture.failedFuture(new IllegalStateException("pool shut down"));
            }));
        }

        first.complete(null);

        assertThat(queued).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(deepest[0]).as("stack depth of the last start").isLessThan(200);
        assertThat(limiter.active()).isZero();
    }

    @Test
    void refusesLimitsBelowOne() {
        assertThatThrownBy(() -> DownloadLimiter.fixed(0)).hasMessageContaining("at least 1, not 0");
        assertThatThrownBy(() -> DownloadLimiter.adaptive(-2)).hasMessageContaining("at least 1, not -2");
        assertThat(DownloadLimiter.adaptive(2).limit()).as("starts at the cap when it is below 4").isEqualTo(2);
    }

    private void submit(DownloadLimiter limiter, int downloads) {
        for (int i = 0; i < downloads; i++) {
            int number = i;
            limiter.run(transfer -> {
                Running download = new Running(number, transfer, new CompletableFuture<>());
                running.add(download);
                started.add(number);
                return download.done();
            });
        }
    }

    /**
     * One window of the clock, in which the running downloads receive {@code bytes(active)} bytes in all, then the
     * first byte of the next window.
     */
    private void window(IntUnaryOperator bytes) {
        List<Running> now = List.copyOf(running);
        long each = bytes.applyAsInt(now.size()) / now.size();
        now.forEach(download -> download.transfer().received(each));
        clock.addAndGet(WINDOW);
        now.get(0).transfer().received(1);
    }

    private void finishOne(boolean overloaded) {
        Running download = running.remove(0);
        if (overloaded) {
            download.transfer().overloaded();
        }
        download.done().complete(null);
    }

    private record Running(int number, Transfer transfer, CompletableFuture<Void> done) {
    }
}
