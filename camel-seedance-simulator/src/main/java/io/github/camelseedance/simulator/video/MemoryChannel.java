package io.github.camelseedance.simulator.video;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.jcodec.common.io.SeekableByteChannel;

/** A growable in-memory {@link SeekableByteChannel} for JCodec's muxers. Not thread-safe (one per render). */
final class MemoryChannel implements SeekableByteChannel {

    private byte[] buf;
    private int size;
    private int pos;
    private boolean open = true;

    MemoryChannel(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    @Override
    public int read(ByteBuffer dst) {
        if (pos >= size) {
            return -1;
        }
        int n = Math.min(dst.remaining(), size - pos);
        dst.put(buf, pos, n);
        pos += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        ensure((long) pos + n);
        src.get(buf, pos, n);
        pos += n;
        size = Math.max(size, pos);
        return n;
    }

    private void ensure(long capacity) {
        if (capacity > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("video too large for memory: " + capacity);
        }
        if (capacity > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(capacity, buf.length * 2L)));
        }
    }

    @Override
    public long position() {
        return pos;
    }

    @Override
    public SeekableByteChannel setPosition(long newPosition) {
        if (newPosition < 0 || newPosition > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("position " + newPosition);
        }
        ensure(newPosition);
        pos = (int) newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        if (newSize < size) {
            size = (int) Math.max(0, newSize);
            pos = Math.min(pos, size);
        }
        return this;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
