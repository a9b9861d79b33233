package io.github.camelseedance.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptedQueueTest {

    @Test
    void answersEachValueItsNumberOfTimesInOrder() {
        ScriptedQueue<Integer> queue = new ScriptedQueue<>();
        queue.add(500, 2);
        queue.add(503, 0);
        queue.add(429, 1);

        assertThat(queue.poll()).contains(500);
        assertThat(queue.poll()).contains(500);
        assertThat(queue.poll()).contains(429);
        assertThat(queue.poll()).isEmpty();
    }

    @Test
    void hugeCountsCostNothing() {
        ScriptedQueue<String> queue = new ScriptedQueue<>();
        queue.add("providerError", Integer.MAX_VALUE);
        assertThat(queue.poll()).contains("providerError");
        queue.clear();
        assertThat(queue.poll()).isEmpty();
    }
}
