package io.github.camelseedance.simulator.video;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StillImageTest {

    static final int RED = 0xFF0000;
    static final int BLUE = 0x0000FF;

    @Test
    void decodesPngPixelExact() {
        byte[] png = TestImages.halves(40, 30, RED, BLUE, "png");
        assertThat(StillImage.size(png)).get().satisfies(s -> assertThat(s).containsExactly(40, 30));
        StillImage image = StillImage.decode(png).orElseThrow();
        assertThat(image.width()).isEqualTo(40);
        assertThat(image.height()).isEqualTo(30);
        assertThat(image.pixel(5, 5)).containsExactly(255, 0, 0);
        assertThat(image.pixel(35, 25)).containsExactly(0, 0, 255);
    }

    @Test
    void decodesBaselineJpegCloseToTheColours() {
        byte[] jpeg = TestImages.halves(64, 48, RED, BLUE, "jpg");
        StillImage image = StillImage.decode(jpeg).orElseThrow();
        assertThat(image.width()).isEqualTo(64);
        assertThat(image.height()).isEqualTo(48);
        int[] left = image.pixel(8, 24);
        int[] right = image.pixel(56, 24);
        assertThat(left[0]).isGreaterThan(200);
        assertThat(left[2]).isLessThan(60);
        assertThat(right[2]).isGreaterThan(200);
        assertThat(right[0]).isLessThan(60);
    }

    @Test
    void otherFilesAreNotDecoded() {
        assertThat(StillImage.decode(TestImages.halves(8, 8, RED, BLUE, "bmp"))).isEmpty();
        assertThat(StillImage.decode(new byte[]{ (byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0, 0, 0 })).isEmpty();
        assertThat(StillImage.decode(new byte[0])).isEmpty();
        assertThat(StillImage.size("GIF89a......".getBytes())).isEmpty();
    }
}
