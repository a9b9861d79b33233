package io.github.camelseedance.simulator.video;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A small independent EBML reader for the tests: flattens the element tree of a WebM file. */
final class Ebml {

    /** Master elements the reader descends into. */
    private static final Set<Long> MASTERS = Set.of(0x1A45DFA3L, 0x18538067L, 0x114D9B74L, 0x4DBBL, 0x1549A966L,
            0x1654AE6BL, 0xAEL, 0xE0L, 0xE1L, 0x1F43B675L, 0x1C53BB6BL, 0xBBL, 0xB7L);

    record Element(long id, int depth, int dataOffset, int size, long absoluteOffset) {
    }

    private final byte[] data;
    final List<Element> elements = new ArrayList<>();

    Ebml(byte[] data) {
        this.data = data;
        parse(0, data.length, 0);
    }

    private void parse(int from, int to, int depth) {
        int p = from;
        while (p < to) {
            int start = p;
            int idLen = vintLength(data[p]);
            long id = 0;
            for (int i = 0; i < idLen; i++) {
                id = (id << 8) | (data[p + i] & 0xff);
            }
            p += idLen;
            int sizeLen = vintLength(data[p]);
            long size = data[p] & (0xff >> sizeLen);
            for (int i = 1; i < sizeLen; i++) {
                size = (size << 8) | (data[p + i] & 0xff);
            }
            p += sizeLen;
            if (p + size > to) {
                throw new IllegalStateException(
                        "element 0x" + Long.toHexString(id) + " at " + start + " overruns its parent");
            }
            elements.add(new Element(id, depth, p, (int) size, start));
            if (MASTERS.contains(id)) {
                parse(p, (int) (p + size), depth + 1);
            }
            p += (int) size;
        }
    }

    private static int vintLength(byte first) {
        int b = first & 0xff;
        if (b == 0) {
            throw new IllegalStateException("invalid vint");
        }
        return Integer.numberOfLeadingZeros(b) - 23;
    }

    List<Element> all(long id) {
        return elements.stream().filter(e -> e.id() == id).toList();
    }

    Element first(long id) {
        return elements.stream().filter(e -> e.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no element 0x" + Long.toHexString(id)));
    }

    long uint(long id) {
        Element e = first(id);
        long v = 0;
        for (int i = 0; i < e.size(); i++) {
            v = (v << 8) | (data[e.dataOffset() + i] & 0xff);
        }
        return v;
    }

    String string(long id) {
        Element e = first(id);
        return new String(data, e.dataOffset(), e.size(), StandardCharsets.US_ASCII);
    }

    double floatValue(long id) {
        Element e = first(id);
        long bits = 0;
        for (int i = 0; i < e.size(); i++) {
            bits = (bits << 8) | (data[e.dataOffset() + i] & 0xff);
        }
        return e.size() == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    byte[] payload(Element e) {
        byte[] b = new byte[e.size()];
        System.arraycopy(data, e.dataOffset(), b, 0, e.size());
        return b;
    }
}
