package io.github.camelseedance.simulator.video;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal, correct WebM (Matroska, EBML DocType {@code webm}) muxer for one VP8 video track and an optional Opus
 * audio track, written because JCodec's MKV muxer assumes 25 fps (40 ms timecode scale) and stamps the wall clock
 * date into the file.
 *
 * <p>Layout: EBML header; Segment (known size) with SeekHead (to Info, Tracks, Cues), Info (1 ms timecode scale,
 * exact Duration), Tracks (track 1, {@code V_VP8}, pixel size, DefaultDuration; track 2, {@code A_OPUS}, 48 kHz mono
 * with its OpusHead), one Cluster per second of video holding the SimpleBlocks of both tracks in time order, and
 * Cues (one CuePoint per cluster, on the video track). Output is deterministic.
 */
final class WebmWriter {

    static final int EBML = 0x1A45DFA3;
    static final int EBML_VERSION = 0x4286;
    static final int EBML_READ_VERSION = 0x42F7;
    static final int EBML_MAX_ID_LENGTH = 0x42F2;
    static final int EBML_MAX_SIZE_LENGTH = 0x42F3;
    static final int DOC_TYPE = 0x4282;
    static final int DOC_TYPE_VERSION = 0x4287;
    static final int DOC_TYPE_READ_VERSION = 0x4285;
    static final int SEGMENT = 0x18538067;
    static final int SEEK_HEAD = 0x114D9B74;
    static final int SEEK = 0x4DBB;
    static final int SEEK_ID = 0x53AB;
    static final int SEEK_POSITION = 0x53AC;
    static final int INFO = 0x1549A966;
    static final int TIMECODE_SCALE = 0x2AD7B1;
    static final int DURATION = 0x4489;
    static final int MUXING_APP = 0x4D80;
    static final int WRITING_APP = 0x5741;
    static final int TRACKS = 0x1654AE6B;
    static final int TRACK_ENTRY = 0xAE;
    static final int TRACK_NUMBER = 0xD7;
    static final int TRACK_UID = 0x73C5;
    static final int TRACK_TYPE = 0x83;
    static final int FLAG_LACING = 0x9C;
    static final int CODEC_ID = 0x86;
    static final int DEFAULT_DURATION = 0x23E383;
    static final int VIDEO = 0xE0;
    static final int PIXEL_WIDTH = 0xB0;
    static final int PIXEL_HEIGHT = 0xBA;
    static final int CODEC_PRIVATE = 0x63A2;
    static final int CODEC_DELAY = 0x56AA;
    static final int SEEK_PRE_ROLL = 0x56BB;
    static final int AUDIO = 0xE1;
    static final int SAMPLING_FREQUENCY = 0xB5;
    static final int CHANNELS = 0x9F;
    static final int CLUSTER = 0x1F43B675;
    static final int TIMECODE = 0xE7;
    static final int SIMPLE_BLOCK = 0xA3;
    static final int CUES = 0x1C53BB6B;
    static final int CUE_POINT = 0xBB;
    static final int CUE_TIME = 0xB3;
    static final int CUE_TRACK_POSITIONS = 0xB7;
    static final int CUE_TRACK = 0xF7;
    static final int CUE_CLUSTER_POSITION = 0xF1;

    private static final String APP = "camel-seedance-simulator";

    private WebmWriter() {
    }

    /**
     * @param frames      VP8 frames in display order, frame i shown at i / fps seconds
     * @param keyFrames   whether each frame is a key frame
     * @param audioFrames Opus packets of {@value AudioTracks#OPUS_FRAME_MILLIS} ms each, empty for no audio track
     */
    static byte[] write(int width, int height, int fps, int durationSeconds, List<byte[]> frames,
                        List<Boolean> keyFrames, List<byte[]> audioFrames) {
        byte[] ebmlHeader = element(EBML, concat(
                uint(EBML_VERSION, 1), uint(EBML_READ_VERSION, 1), uint(EBML_MAX_ID_LENGTH, 4),
                uint(EBML_MAX_SIZE_LENGTH, 8), string(DOC_TYPE, "webm"), uint(DOC_TYPE_VERSION, 2),
                uint(DOC_TYPE_READ_VERSION, 2)));

        byte[] info = element(INFO, concat(
                uint(TIMECODE_SCALE, 1_000_000),
                element(DURATION, longBytes(Double.doubleToLongBits(durationSeconds * 1000.0), 8)),
                string(MUXING_APP, APP), string(WRITING_APP, APP)));

        byte[] videoTrack = element(TRACK_ENTRY, concat(
                uint(TRACK_NUMBER, 1), uint(TRACK_UID, 1), uint(TRACK_TYPE, 1), uint(FLAG_LACING, 0),
                string(CODEC_ID, "V_VP8"), uint(DEFAULT_DURATION, 1_000_000_000L / fps),
                element(VIDEO, concat(uint(PIXEL_WIDTH, width), uint(PIXEL_HEIGHT, height)))));
        byte[] tracks = element(TRACKS, audioFrames.isEmpty()
                ? videoTrack
                : concat(videoTrack, element(TRACK_ENTRY,
                        concat(uint(TRACK_NUMBER, 2), uint(TRACK_UID, 2), uint(TRACK_TYPE, 2), uint(FLAG_LACING, 0),
                                string(CODEC_ID, "A_OPUS"), element(CODEC_PRIVATE, AudioTracks.opusHead()),
                                uint(CODEC_DELAY, 0), uint(SEEK_PRE_ROLL, 80_000_000L),
                                uint(DEFAULT_DURATION, AudioTracks.OPUS_FRAME_MILLIS * 1_000_000L),
                                element(AUDIO, concat(
                                        element(SAMPLING_FREQUENCY,
                                                longBytes(Double.doubleToLongBits(AudioTracks.SAMPLE_RATE), 8)),
                                        uint(CHANNELS, 1)))))));

        // clusters, one per second of video (relative block timecodes stay far below the int16 limit); the audio
        // blocks that start within a cluster's second go into it, after the video frames of the same time
        List<byte[]> clusters = new ArrayList<>();
        List<Long> clusterTimes = new ArrayList<>();
        int i = 0;
        int a = 0;
        while (i < frames.size()) {
            long clusterTime = timeMs(i, fps);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            write(body, uint(TIMECODE, clusterTime));
            int end = Math.min(frames.size(), i + fps);
            long clusterEnd = end == frames.size() ? Long.MAX_VALUE : timeMs(end, fps);
            for (; i < end; i++) {
                long videoTime = timeMs(i, fps);
                long nextVideo = i + 1 < end ? timeMs(i + 1, fps) : clusterEnd;
                write(body, block(1, videoTime - clusterTime, Boolean.TRUE.equals(keyFrames.get(i)), frames.get(i)));
                for (; a < audioFrames.size() && (long) a * AudioTracks.OPUS_FRAME_MILLIS < nextVideo; a++) {
                    write(body, block(2, (long) a * AudioTracks.OPUS_FRAME_MILLIS - clusterTime, true,
                            audioFrames.get(a)));
                }
            }
            clusters.add(element(CLUSTER, body.toByteArray()));
            clusterTimes.add(clusterTime);
        }

        // SeekHead with fixed-width (8 byte) positions so its own size is known before the positions are
        byte[] seekHeadTemplate = seekHead(0, 0, 0);
        long infoPos = seekHeadTemplate.length;
        long tracksPos = infoPos + info.length;
        long clusterPos = tracksPos + tracks.length;
        List<byte[]> cuePoints = new ArrayList<>();
        long p = clusterPos;
        for (int c = 0; c < clusters.size(); c++) {
            cuePoints.add(element(CUE_POINT, concat(uint(CUE_TIME, clusterTimes.get(c)),
                    element(CUE_TRACK_POSITIONS, concat(uint(CUE_TRACK, 1), uint(CUE_CLUSTER_POSITION, p))))));
            p += clusters.get(c).length;
        }
        long cuesPos = p;
        byte[] cues = element(CUES, concat(cuePoints.toArray(new byte[0][])));
        byte[] seekHead = seekHead(infoPos, tracksPos, cuesPos);

        ByteArrayOutputStream segmentBody = new ByteArrayOutputStream();
        write(segmentBody, seekHead);
        write(segmentBody, info);
        write(segmentBody, tracks);
        for (byte[] c : clusters) {
            write(segmentBody, c);
        }
        write(segmentBody, cues);

        return concat(ebmlHeader, element(SEGMENT, segmentBody.toByteArray()));
    }

    /** A SimpleBlock of that track at that time relative to its cluster. */
    private static byte[] block(int track, long relativeMs, boolean key, byte[] frame) {
        int rel = (int) relativeMs;
        byte[] head = { (byte) (0x80 | track), (byte) (rel >> 8), (byte) rel, (byte) (key ? 0x80 : 0x00) };
        return element(SIMPLE_BLOCK, concat(head, frame));
    }

    private static long timeMs(int frame, int fps) {
        return Math.round(frame * 1000.0 / fps);
    }

    private static byte[] seekHead(long infoPos, long tracksPos, long cuesPos) {
        return element(SEEK_HEAD, concat(seek(INFO, infoPos), seek(TRACKS, tracksPos), seek(CUES, cuesPos)));
    }

    private static byte[] seek(int id, long pos) {
        return element(SEEK, concat(element(SEEK_ID, id(id)), element(SEEK_POSITION, longBytes(pos, 8))));
    }

    static byte[] element(int id, byte[] payload) {
        return concat(id(id), size(payload.length), payload);
    }

    private static byte[] uint(int id, long value) {
        int n = 1;
        while (n < 8 && (value >>> (8 * n)) != 0) {
            n++;
        }
        return element(id, longBytes(value, n));
    }

    private static byte[] string(int id, String s) {
        return element(id, s.getBytes(StandardCharsets.US_ASCII));
    }

    /** The element id's bytes (ids carry their own length marker). */
    static byte[] id(int id) {
        int n = (id & 0xFF000000) != 0 ? 4 : (id & 0xFF0000) != 0 ? 3 : (id & 0xFF00) != 0 ? 2 : 1;
        return longBytes(id & 0xFFFFFFFFL, n);
    }

    /** EBML variable-length size, the shortest form (all-ones values are reserved, so they take one byte more). */
    static byte[] size(long value) {
        for (int n = 1; n <= 8; n++) {
            long max = (1L << (7 * n)) - 1; // all ones means "unknown"
            if (value < max) {
                byte[] b = longBytes(value, n);
                b[0] |= (byte) (0x80 >>> (n - 1));
                return b;
            }
        }
        throw new IllegalArgumentException("size too large: " + value);
    }

    private static byte[] longBytes(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] out = new byte[len];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    private static void write(ByteArrayOutputStream out, byte[] b) {
        out.write(b, 0, b.length);
    }
}
