package io.github.camelseedance.simulator.video;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Sets the creation and modification times that JCodec writes into an MP4/MOV header (from the wall clock) to zero,
 * so that the same spec always renders to the same bytes. Walks the box tree: {@code moov} and its {@code trak},
 * {@code mdia} containers, and clears {@code mvhd}, {@code tkhd} and {@code mdhd}.
 */
final class Mp4Timestamps {

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia");
    private static final Set<String> TIMED = Set.of("mvhd", "tkhd", "mdhd");

    private Mp4Timestamps() {
    }

    /** Clears the timestamps in place and answers the same array. */
    static byte[] clear(byte[] mp4) {
        walk(ByteBuffer.wrap(mp4), 0, mp4.length);
        return mp4;
    }

    private static void walk(ByteBuffer buffer, int from, int to) {
        int position = from;
        while (position + 8 <= to) {
            long size = Integer.toUnsignedLong(buffer.getInt(position));
            String type = type(buffer, position + 4);
            int header = 8;
            if (size == 1 && position + 16 <= to) {
                size = buffer.getLong(position + 8);
                header = 16;
            } else if (size == 0) {
                size = to - position;
            }
            if (size < header || position + size > to) {
                return;
            }
            int end = (int) (position + size);
            if (CONTAINERS.contains(type)) {
                walk(buffer, position + header, end);
            } else if (TIMED.contains(type)) {
                clearTimes(buffer, position + header);
            }
            position = end;
        }
    }

    /** A full box: version (1 byte), flags (3), then creation and modification times, 32 or 64 bits each. */
    private static void clearTimes(ByteBuffer buffer, int body) {
        int version = buffer.get(body) & 0xFF;
        if (version == 1) {
            buffer.putLong(body + 4, 0L);
            buffer.putLong(body + 12, 0L);
        } else {
            buffer.putInt(body + 4, 0);
            buffer.putInt(body + 8, 0);
        }
    }

    private static String type(ByteBuffer buffer, int at) {
        char[] chars = new char[4];
        for (int i = 0; i < 4; i++) {
            chars[i] = (char) (buffer.get(at + i) & 0xFF);
        }
        return new String(chars);
    }
}
