package io.github.camelseedance.simulator.video;

import java.util.List;

import org.jcodec.common.model.Picture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FramePainterTest {

    @Test
    void framesDifferAndTheTextIsDrawn() {
        FramePainter painter = new FramePainter("hello world", 320, 180, 8, 2);
        assertThat(painter.frameCount()).isEqualTo(16);
        Picture first = painter.paint(0);
        Picture last = painter.paint(15);
        assertThat(first.getPlaneData(0)).isNotEqualTo(last.getPlaneData(0));
        assertThat(painter.lines()).containsExactly("HELLO WORLD");
        // white text pixels (Y = 255 -> signed 127) exist
        boolean white = false;
        for (byte y : first.getPlaneData(0)) {
            white |= y == 127;
        }
        assertThat(white).isTrue();
    }

    @Test
    void wrapsBreaksLongWordsAndTruncates() {
        assertThat(FramePainter.wrap("AAA BBB CCC", 7, 5)).containsExactly("AAA BBB", "CCC");
        assertThat(FramePainter.wrap("ABCDEFGHIJ", 4, 5)).containsExactly("ABCD", "EFGH", "IJ");
        List<String> cut = FramePainter.wrap("ONE TWO THREE FOUR FIVE SIX", 9, 2);
        assertThat(cut).hasSize(2);
        assertThat(cut.get(1)).endsWith("...").hasSizeLessThanOrEqualTo(9);
    }

    @Test
    void fontNormalizesCharacters() {
        assertThat(BitmapFont.normalize("Crème brûlée ✓")).isEqualTo("CREME BRULEE ?");
        assertThat(BitmapFont.pixel('A', 0, 0)).isFalse();
        assertThat(BitmapFont.pixel('A', 0, 3)).isTrue();
    }
}
