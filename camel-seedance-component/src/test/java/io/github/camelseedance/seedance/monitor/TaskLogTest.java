package io.github.camelseedance.seedance.monitor;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskLogTest {

    @Test
    void durationsReadAsPeopleReadThem() {
        assertThat(TaskLog.text(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(TaskLog.text(Duration.ofMillis(1_000))).isEqualTo("1.0 s");
        assertThat(TaskLog.text(Duration.ofMillis(1_049))).isEqualTo("1.0 s");
        assertThat(TaskLog.text(Duration.ofMillis(1_050))).isEqualTo("1.1 s");
        assertThat(TaskLog.text(Duration.ofMillis(12_449))).isEqualTo("12.4 s");
        assertThat(TaskLog.text(Duration.ofMillis(59_990))).isEqualTo("60.0 s");
        assertThat(TaskLog.text(Duration.ofMillis(185_000))).isEqualTo("3 min 5 s");
    }
}
