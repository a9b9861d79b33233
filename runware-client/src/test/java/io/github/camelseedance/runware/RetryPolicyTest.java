package io.github.camelseedance.runware;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    /** A random source that always draws the same value. */
    static Random fixed(double draw) {
        return new Random() {
            private static final long serialVersionUID = 1L;

            @Override
            public double nextDouble() {
                return draw;
            }
        };
    }

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0.2,
            true);

    @ParameterizedTest(name = "attempt {0} -> {1} ms")
    @CsvSource({ "1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 16000", "6, 30000", "10, 30000" })
    void growsExponentiallyUpToTheCap(int attempt, long millis) {
        assertThat(policy.backoff(attempt, null, fixed(0.5))).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void jitterSpreadsByUpToTheFraction() {
        assertThat(policy.backoff(2, null, fixed(0.0))).isEqualTo(Duration.ofMillis(1600));
        assertThat(policy.backoff(2, null, fixed(0.999_999_9))).isBetween(Duration.ofMillis(2399),
                Duration.ofMillis(2400));
        assertThat(policy.backoff(6, null, fixed(0.999_999_9))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterLengthensTheWaitButIsCapped() {
        assertThat(policy.backoff(1, Duration.ofSeconds(5), fixed(0.5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.backoff(4, Duration.ofSeconds(5), fixed(0.5))).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoff(1, Duration.ofHours(1), fixed(0.5))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterIgnoredWhenNotHonoured() {
        RetryPolicy ignoring = new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0, false);

        assertThat(ignoring.backoff(1, Duration.ofSeconds(5), fixed(0.9))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void defaultsAndNone() {
        assertThat(RetryPolicy.defaults()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(1), 2.0,
                Duration.ofSeconds(30), 0.2, true));
        assertThat(RetryPolicy.none().maxRetries()).isZero();
        assertThat(RetryPolicy.none().backoff(1, Duration.ofSeconds(3), fixed(0.5))).isZero();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, 1, Duration.ZERO, 0, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, 0.5, Duration.ZERO, 0, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO, 1.5, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
