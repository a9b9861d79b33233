package io.github.camelseedance.simulator.video;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoFormatTest {

    @Test
    void extensionsAndContentTypes() {
        assertThat(VideoFormat.MP4.extension()).isEqualTo("mp4");
        assertThat(VideoFormat.MOV.extension()).isEqualTo("mov");
        assertThat(VideoFormat.WEBM.extension()).isEqualTo("webm");
        assertThat(VideoFormat.MP4.contentType()).isEqualTo("video/mp4");
        assertThat(VideoFormat.MOV.contentType()).isEqualTo("video/quicktime");
        assertThat(VideoFormat.WEBM.contentType()).isEqualTo("video/webm");
    }

    @ParameterizedTest
    @CsvSource({ "MP4,MP4", "mp4,MP4", "' Mp4 ',MP4", ".mp4,MP4", "video/mp4,MP4", "WEBM,WEBM", "webm,WEBM",
            "video/webm,WEBM", "MOV,MOV", "mov,MOV", "quicktime,MOV", "video/quicktime,MOV", "QT,MOV" })
    void parsesLeniently(String value, VideoFormat expected) {
        assertThat(VideoFormat.of(value)).isEqualTo(expected);
        assertThat(VideoFormat.find(value)).contains(expected);
    }

    @Test
    void rejectsUnknown() {
        assertThatThrownBy(() -> VideoFormat.of("avi")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("avi");
        assertThatThrownBy(() -> VideoFormat.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(VideoFormat.find("")).isEmpty();
        assertThat(VideoFormat.find(null)).isEmpty();
    }
}
