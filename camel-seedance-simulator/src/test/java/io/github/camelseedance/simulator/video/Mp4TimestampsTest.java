package io.github.camelseedance.simulator.video;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Mp4TimestampsTest {

    @Test
    void clearsTheHeaderTimesSoRendersAreByteForByteRepeatable() {
        byte[] mp4 = new RealVideoRenderer(64, 4, 0).render(new VideoSpec("clock", 1280, 720, 1, VideoFormat.MP4));

        for (String box : new String[]{ "mvhd", "tkhd", "mdhd" }) {
            int at = indexOf(mp4, box);
            assertThat(at).as(box).isPositive();
            ByteBuffer buffer = ByteBuffer.wrap(mp4);
            int body = at + 4;
            assertThat(buffer.getInt(body + 4)).as("%s creation time", box).isZero();
            assertThat(buffer.getInt(body + 8)).as("%s modification time", box).isZero();
        }
    }

    @Test
    void leavesAFileWithoutAMovieHeaderAlone() {
        byte[] bytes = { 0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 1 };
        byte[] copy = bytes.clone();

        assertThat(Mp4Timestamps.clear(bytes)).isEqualTo(copy);
    }

    private static int indexOf(byte[] data, String type) {
        outer : for (int i = 0; i + 4 <= data.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (data[i + j] != type.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
