package io.github.camelseedance.simulator.video;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Payloads for the simulator's fast mode: a "video" of an exact, configured size that is streamed, never held in
 * memory, so a benchmark can download gigabytes without the simulator allocating them.
 *
 * <p>The bytes are deterministic: the same {@code (videoUUID, size)} always yields the same stream. They look like
 * the start of an MP4 file: a 24-byte {@code ftyp} box (major brand {@code isom}, compatible {@code isom mp42})
 * followed by one {@code mdat} box spanning the rest of the payload (a 64-bit {@code largesize} header when the
 * rest does not fit 32 bits), whose content is pseudo-random (derived from the uuid). It is <em>not</em> a playable
 * video (there is no {@code moov}); use {@link RealVideoRenderer} for playable files. A size smaller than the
 * headers yields a prefix of the headers.
 *
 * <p>Thread-safe and stateless; each {@link #open} returns an independent stream whose {@code skip} is O(1).
 */
public final class SyntheticVideoSource {

    /** Content type of the synthetic payloads. */
    public static final String CONTENT_TYPE = VideoFormat.MP4.contentType();

    private static final byte[] FTYP = ftyp();

    /** @return the content type of the payloads, {@code video/mp4} */
    public String contentType() {
        return CONTENT_TYPE;
    }

    /**
     * Opens a stream of exactly {@code size} deterministic bytes for that video.
     *
     * @param videoUUID the video's id (seeds the content); null is treated as empty
     * @param size      exact number of bytes the stream yields, {@code >= 0}
     */
    public InputStream open(String videoUUID, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
        return new SyntheticStream(header(size), seed(videoUUID == null ? "" : videoUUID), size);
    }

    /** The headers (ftyp + mdat box header) that start a payload of that total size (untruncated). */
    static byte[] header(long size) {
        long rest = size - FTYP.length;
        byte[] mdat;
        if (rest <= 0xFFFF_FFFFL) {
            mdat = new byte[8];
            putInt(mdat, 0, (int) Math.max(rest, 8));
            putAscii(mdat, 4, "mdat");
        } else {
            mdat = new byte[16];
            putInt(mdat, 0, 1);
            putAscii(mdat, 4, "mdat");
            for (int i = 0; i < 8; i++) {
                mdat[8 + i] = (byte) (rest >>> (56 - 8 * i));
            }
        }
        byte[] h = new byte[FTYP.length + mdat.length];
        System.arraycopy(FTYP, 0, h, 0, FTYP.length);
        System.arraycopy(mdat, 0, h, FTYP.length, mdat.length);
        return h;
    }

    private static byte[] ftyp() {
        byte[] b = new byte[24];
        putInt(b, 0, 24);
        putAscii(b, 4, "ftyp");
        putAscii(b, 8, "isom");
        putInt(b, 12, 0x200);
        putAscii(b, 16, "isom");
        putAscii(b, 20, "mp42");
        return b;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void putAscii(byte[] b, int off, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(a, 0, b, off, a.length);
    }

    private static long seed(String uuid) {
        long h = 0xcbf29ce484222325L;
        for (byte x : uuid.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (x & 0xff)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static final class SyntheticStream extends InputStream {
        private final byte[] header;
        private final long seed;
        private final long size;
        private long pos;

        SyntheticStream(byte[] header, long seed, long size) {
            this.header = header;
            this.seed = seed;
            this.size = size;
        }

        private byte byteAt(long p) {
            if (p < header.length) {
                return header[(int) p];
            }
            long word = mix(seed + (p >>> 3) * 0x9E3779B97F4A7C15L);
            return (byte) (word >>> ((p & 7) << 3));
        }

        @Override
        public int read() {
            if (pos >= size) {
                return -1;
            }
            return byteAt(pos++) & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            int i = 0;
            // header bytes and unaligned start one by one
            while (i < n && (pos < header.length || (pos & 7) != 0)) {
                b[off + i++] = byteAt(pos++);
            }
            // whole 8-byte words
            while (n - i >= 8) {
                long word = mix(seed + (pos >>> 3) * 0x9E3779B97F4A7C15L);
                for (int k = 0; k < 8; k++) {
                    b[off + i + k] = (byte) (word >>> (k << 3));
                }
                i += 8;
                pos += 8;
            }
            while (i < n) {
                b[off + i++] = byteAt(pos++);
            }
            return n;
        }

        @Override
        public long skip(long n) {
            if (n <= 0) {
                return 0;
            }
            long k = Math.min(n, size - pos);
            pos += k;
            return k;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, size - pos);
        }
    }
}
