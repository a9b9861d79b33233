package io.github.camelseedance.simulator.video;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoSpecTest {

    @Test
    void valueSemanticsAndNullPrompt() {
        VideoSpec a = new VideoSpec("p", 1280, 720, 5, VideoFormat.MP4);
        assertThat(a).isEqualTo(new VideoSpec("p", 1280, 720, 5, VideoFormat.MP4)).hasSameHashCodeAs(
                new VideoSpec("p", 1280, 720, 5, VideoFormat.MP4));
        assertThat(new VideoSpec(null, 1280, 720, 5, VideoFormat.MP4).prompt()).isEmpty();
    }

    @Test
    void validates() {
        assertThatThrownBy(() -> new VideoSpec("p", 0, 720, 5, VideoFormat.MP4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width");
        assertThatThrownBy(() -> new VideoSpec("p", 1280, -1, 5, VideoFormat.MP4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("height");
        assertThatThrownBy(() -> new VideoSpec("p", 9000, 720, 5, VideoFormat.MP4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoSpec("p", 1280, 720, 0, VideoFormat.MP4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("durationSeconds");
        assertThatThrownBy(() -> new VideoSpec("p", 1280, 720, 601, VideoFormat.MP4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoSpec("p", 1280, 720, 5, null)).isInstanceOf(NullPointerException.class);
    }
}
