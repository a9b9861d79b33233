package io.github.camelseedance.runware.poll;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RenderTimeEstimatesTest {

    private static final RenderKey KEY = new RenderKey("bytedance:seedance@2.0-mini", "720p", 8);

    private final AtomicLong clock = new AtomicLong();

    private RenderTimeEstimates estimates(int maxKeys, int minObservations) {
        return new RenderTimeEstimates(maxKeys, minObservations, Duration.ofMinutes(10), clock::get);
    }

    @Test
    void anEstimateComesWithItsMinimumOfObservations() {
        RenderTimeEstimates estimates = estimates(16, 3);
        estimates.observe(KEY, Duration.ofSeconds(50));
        estimates.observe(KEY, Duration.ofSeconds(70));

        assertThat(estimates.estimate(KEY)).isEmpty();
        assertThat(estimates.all()).containsKey(KEY);

        estimates.observe(KEY, Duration.ofSeconds(60));

        RenderTimeEstimates.Estimate estimate = estimates.estimate(KEY).orElseThrow();
        assertThat(estimate.mean()).isEqualTo(Duration.ofSeconds(60));
        assertThat(estimate.spread().toMillis()).isCloseTo(8_165, within(1L));
        assertThat(estimate.observations()).isEqualTo(3);
        assertThat(estimates.estimate(new RenderKey("bytedance:seedance@2.0-mini", "720p", 9))).isEmpty();
    }

    @Test
    void oldObservationsFadeWithTheHalfLife() {
        RenderTimeEstimates estimates = estimates(16, 1);
        for (int i = 0; i < 100; i++) {
            estimates.observe(KEY, Duration.ofSeconds(60));
        }
        clock.addAndGet(Duration.ofMinutes(100).toNanos());
        for (int i = 0; i < 10; i++) {
            estimates.observe(KEY, Duration.ofSeconds(120));
        }

        assertThat(estimates.estimate(KEY).orElseThrow().mean().toSeconds()).isBetween(119L, 120L);
    }

    @Test
    void theTasksOfOneBurstWeighAlike() {
        RenderTimeEstimates estimates = estimates(16, 1);
        for (int i = 1; i <= 100; i++) {
            clock.addAndGet(Duration.ofMillis(500).toNanos());
            estimates.observe(KEY, Duration.ofSeconds(30 + i));
        }

        assertThat(estimates.estimate(KEY).orElseThrow().mean().toMillis()).isCloseTo(80_500, within(1_000L));
    }

    @Test
    void memoryStaysBoundedOverManyKeys() {
        RenderTimeEstimates estimates = estimates(64, 1);
        for (int i = 0; i < 100_000; i++) {
            estimates.observe(new RenderKey("model-" + i, null, 5), Duration.ofSeconds(10));
            estimates.observe(KEY, Duration.ofSeconds(10));
        }

        assertThat(estimates.size()).isEqualTo(64);
        assertThat(estimates.all()).hasSize(64).containsKey(new RenderKey("model-99999", null, 5));
        assertThat(estimates.estimate(KEY)).isPresent();
        assertThat(estimates.estimate(new RenderKey("model-0", null, 5))).isEmpty();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> estimates(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RenderTimeEstimates(1, 1, Duration.ZERO, clock::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
