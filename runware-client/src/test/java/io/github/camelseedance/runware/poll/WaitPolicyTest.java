package io.github.camelseedance.runware.poll;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitPolicyTest {

    @Test
    void defaults() {
        assertThat(WaitPolicy.defaults()).isEqualTo(new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(2), 1.5,
                Duration.ofSeconds(10), Duration.ofMinutes(20)));
    }

    @Test
    void intervalGrowsUpToTheMaximum() {
        WaitPolicy policy = WaitPolicy.defaults();

        assertThat(policy.next(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.next(Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(4500));
        assertThat(policy.next(Duration.ofSeconds(8))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aPolicyIsOnTheLadderAloneUnlessItSaysOtherwise() {
        RenderKey key = new RenderKey("bytedance:seedance@2.0-mini", "480p", 5);

        assertThat(WaitPolicy.defaults().schedule()).isEqualTo(PollSchedule.fixed);
        assertThat(WaitPolicy.defaults().renderKey()).isNull();
        assertThat(WaitPolicy.defaults().withSchedule(PollSchedule.learned, key))
                .isEqualTo(new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(2), 1.5, Duration.ofSeconds(10),
                        Duration.ofMinutes(20), PollSchedule.learned, key));
        assertThat(WaitPolicy.defaults().withSchedule(PollSchedule.learned, key).withTimeout(Duration.ofMinutes(1)))
                .isEqualTo(new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(2), 1.5, Duration.ofSeconds(10),
                        Duration.ofMinutes(1), PollSchedule.learned, key));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new WaitPolicy(Duration.ZERO, Duration.ZERO, 1, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WaitPolicy(Duration.ZERO, Duration.ofSeconds(2), 1, Duration.ofSeconds(1),
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
