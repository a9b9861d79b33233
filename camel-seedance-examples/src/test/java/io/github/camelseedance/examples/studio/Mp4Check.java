package io.github.camelseedance.examples.studio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jcodec.api.FrameGrab;
import org.jcodec.common.Codec;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Checks that a file is a playable H.264 MP4: demuxed and every frame decoded with JCodec (pure Java). */
final class Mp4Check {

    private Mp4Check() {
    }

    /** Asserts a playable H.264 MP4 of that many seconds; returns the number of decoded frames. */
    static int assertPlayableMp4(Path file, int seconds) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).as("MP4 ftyp box")
                .isEqualTo("ftyp");
        DemuxerTrackMeta meta = MP4Demuxer.createMP4Demuxer(channel(bytes)).getVideoTrack().getMeta();
        assertThat(meta.getCodec()).isEqualTo(Codec.H264);
        assertThat(meta.getTotalDuration()).isCloseTo(seconds, within(0.2));
        FrameGrab grab = FrameGrab.createFrameGrab(channel(bytes));
        int frames = 0;
        while (grab.getNativeFrame() != null) {
            frames++;
        }
        assertThat(frames).isEqualTo(meta.getTotalFrames()).isPositive();
        return frames;
    }

    private static ByteBufferSeekableByteChannel channel(byte[] bytes) throws IOException {
        return ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(bytes));
    }
}
