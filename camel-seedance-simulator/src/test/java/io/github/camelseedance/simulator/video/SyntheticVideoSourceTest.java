package io.github.camelseedance.simulator.video;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticVideoSourceTest {

    private final SyntheticVideoSource source = new SyntheticVideoSource();

    @Test
    void startsWithAnMp4FtypAndAnMdatSpanningTheRest() throws IOException {
        byte[] head;
        try (InputStream in = source.open("uuid-1", 1_000_000)) {
            head = in.readNBytes(32);
        }
        assertThat(int32(head, 0)).isEqualTo(24);
        assertThat(new String(head, 4, 8, StandardCharsets.US_ASCII)).isEqualTo("ftypisom");
        assertThat(int32(head, 24)).isEqualTo(1_000_000 - 24);
        assertThat(new String(head, 28, 4, StandardCharsets.US_ASCII)).isEqualTo("mdat");
        assertThat(source.contentType()).isEqualTo("video/mp4");
    }

    @Test
    void streams200MegabytesWithExactLengthThroughASmallBuffer() throws IOException {
        long size = 200L * 1024 * 1024 + 7;
        long total = 0;
        byte[] buf = new byte[8192];
        try (InputStream in = source.open("big", size)) {
            for (int n; (n = in.read(buf)) != -1;) {
                total += n;
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(total).isEqualTo(size);
    }

    @Test
    void hugeSizesAreNeverAllocated() throws IOException {
        long size = 64L * 1024 * 1024 * 1024; // 64 GiB: could not be held in this JVM's heap
        try (InputStream in = source.open("huge", size)) {
            byte[] head = in.readNBytes(40);
            assertThat(int32(head, 24)).isEqualTo(1); // 64-bit largesize mdat
            assertThat(new String(head, 28, 4, StandardCharsets.US_ASCII)).isEqualTo("mdat");
            long largesize = 0;
            for (int i = 32; i < 40; i++) {
                largesize = (largesize << 8) | (head[i] & 0xff);
            }
            assertThat(largesize).isEqualTo(size - 24);
            assertThat(in.skip(size - 40 - 100)).isEqualTo(size - 40 - 100);
            assertThat(in.readAllBytes()).hasSize(100);
        }
    }

    @Test
    void contentIsDeterministicPerUuidAndDiffersBetweenUuids() throws IOException {
        byte[] a1 = read(source.open("a", 100_003));
        byte[] a2 = read(source.open("a", 100_003));
        byte[] b = read(source.open("b", 100_003));
        assertThat(a1).hasSize(100_003).isEqualTo(a2);
        assertThat(Arrays.copyOfRange(b, 32, b.length)).isNotEqualTo(Arrays.copyOfRange(a1, 32, a1.length));
        assertThat(Arrays.copyOf(b, 32)).isEqualTo(Arrays.copyOf(a1, 32));
    }

    @Test
    void singleByteReadsSkipsAndBulkReadsAgree() throws IOException {
        byte[] bulk = read(source.open("x", 5000));
        byte[] single = new byte[5000];
        try (InputStream in = source.open("x", 5000)) {
            for (int i = 0; i < 5000; i++) {
                if (i == 1000) {
                    assertThat(in.skip(333)).isEqualTo(333);
                    i += 333;
                    System.arraycopy(bulk, 1000, single, 1000, 333);
                }
                int v = in.read();
                assertThat(v).isNotNegative();
                single[i] = (byte) v;
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(single).isEqualTo(bulk);
        // odd offsets and lengths
        try (InputStream in = source.open("x", 5000)) {
            byte[] odd = new byte[5000];
            int off = 0;
            int step = 1;
            while (off < 5000) {
                int n = in.read(odd, off, Math.min(step, 5000 - off));
                off += n;
                step = step * 3 % 97 + 1;
            }
            assertThat(odd).isEqualTo(bulk);
        }
    }

    @Test
    void tinyAndEmptySizes() throws IOException {
        assertThat(read(source.open("t", 0))).isEmpty();
        byte[] ten = read(source.open("t", 10));
        assertThat(ten).hasSize(10);
        assertThat(new String(ten, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(read(source.open(null, 30))).hasSize(30);
        assertThatThrownBy(() -> source.open("t", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static int int32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
