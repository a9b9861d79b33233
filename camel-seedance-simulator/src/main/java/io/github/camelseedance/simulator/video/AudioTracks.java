package io.github.camelseedance.simulator.video;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The audio the rendered videos carry when a task asks for audio ({@code settings.audio}), made in pure Java: JCodec
 * has no audio encoder, so the frames are written here bit by bit.
 *
 * <ul>
 * <li>MP4 and MOV: a steady sine tone in AAC-LC (mono, 48 kHz, ADTS-framed for JCodec's MP4 muxer, which turns
 * the ADTS header into the {@code esds} box). Every 1024-sample frame holds the same single spectral line 18,
 * quantised to 1 in scalefactor band 4 with Huffman codebook 1 (ISO/IEC 14496-3, 4.6.3 and table 4.A.2). With the
 * sine window the overlapping frames add up to a constant amplitude of 8192 (-12 dBFS); as each frame's phase lags
 * the previous one's by a quarter turn, the tone sounds at {@value #TONE_HZ} Hz (18 x 48000 / 2048).</li>
 * <li>WebM: Opus silence (the 3-byte CELT-only 20 ms packet {@code F8 FF FE}, TOC config 31, mono): WebM allows
 * only Vorbis and Opus, and there is no Opus or Vorbis encoder in pure Java here, so the WebM track is silent.</li>
 * </ul>
 */
final class AudioTracks {

    static final int SAMPLE_RATE = 48_000;
    static final int AAC_FRAME_SAMPLES = 1024;
    /** ADTS {@code sampling_frequency_index} of 48 kHz. */
    private static final int SAMPLING_INDEX = 3;
    /** Dequantised spectral value 2^(0.25 * (gain - 100)) = 2^23: amplitude ~ 2^23 / 1024 = 8192 of 32768. */
    private static final int GLOBAL_GAIN = 192;
    /** Scalefactor band 4 of a long window at 48 kHz holds spectral lines 16..19 (ISO/IEC 14496-3 table 4.129). */
    private static final int TONE_BAND = 4;
    /** Codebook 1 codeword of the quad (0, 0, 1, 0): spectral line 18 = 1, lines 16, 17, 19 = 0. */
    private static final int LINE_18_CODEWORD = 0b10110;
    /** The frequency the tone is heard at. */
    static final double TONE_HZ = 421.875;
    private static final byte[] OPUS_SILENCE = { (byte) 0xF8, (byte) 0xFF, (byte) 0xFE };
    static final int OPUS_FRAME_MILLIS = 20;

    private AudioTracks() {
    }

    /** Number of AAC frames in {@code seconds}: never longer than the video (at most one frame, 21 ms, shorter). */
    static int aacFrames(int seconds) {
        return seconds * SAMPLE_RATE / AAC_FRAME_SAMPLES;
    }

    /** {@code count} identical ADTS frames of the tone. */
    static List<ByteBuffer> aacTone(int count) {
        byte[] frame = adts(rawToneFrame());
        List<ByteBuffer> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(ByteBuffer.wrap(frame.clone()));
        }
        return frames;
    }

    /** One AAC-LC raw_data_block: a single channel element with one spectral line set, then END. */
    private static byte[] rawToneFrame() {
        Bits bits = new Bits();
        bits.put(0, 3); // id_syn_ele: SCE
        bits.put(0, 4); // element_instance_tag
        bits.put(GLOBAL_GAIN, 8); // global_gain
        bits.put(0, 1); // ics_info: ics_reserved_bit
        bits.put(0, 2); //   window_sequence: ONLY_LONG_SEQUENCE
        bits.put(0, 1); //   window_shape: sine
        bits.put(TONE_BAND + 1, 6); //   max_sfb
        bits.put(0, 1); //   predictor_data_present
        bits.put(0, 4); // section_data: bands 0..3 ZERO_HCB
        bits.put(TONE_BAND, 5);
        bits.put(1, 4); //   band 4 codebook 1
        bits.put(1, 5);
        bits.put(0, 1); // scale_factor_data: band 4 = global_gain (dpcm 0, codeword "0")
        bits.put(0, 1); // pulse_data_present
        bits.put(0, 1); // tns_data_present
        bits.put(0, 1); // gain_control_data_present
        bits.put(LINE_18_CODEWORD, 5); // spectral_data: the quad of band 4
        bits.put(7, 3); // id_syn_ele: END
        return bits.toBytes();
    }

    /** Prefixes a raw frame with a 7-byte ADTS header (MPEG-4, AAC LC, 48 kHz, mono, no CRC). */
    private static byte[] adts(byte[] raw) {
        Bits header = new Bits();
        header.put(0xFFF, 12); // syncword
        header.put(0, 1); // ID: MPEG-4
        header.put(0, 2); // layer
        header.put(1, 1); // protection_absent
        header.put(1, 2); // profile: AAC LC (object type 2)
        header.put(SAMPLING_INDEX, 4);
        header.put(0, 1); // private_bit
        header.put(1, 3); // channel_configuration: mono
        header.put(0, 4); // original_copy, home, copyright id bit and start
        header.put(7 + raw.length, 13);
        header.put(0x7FF, 11); // adts_buffer_fullness: variable bit rate
        header.put(0, 2); // one raw_data_block
        byte[] head = header.toBytes();
        byte[] frame = new byte[head.length + raw.length];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(raw, 0, frame, head.length, raw.length);
        return frame;
    }

    /** {@code count} Opus silence packets of 20 ms. */
    static List<byte[]> opusSilence(int count) {
        List<byte[]> packets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            packets.add(OPUS_SILENCE.clone());
        }
        return packets;
    }

    /** The WebM {@code CodecPrivate} of a mono 48 kHz Opus track: the 19-byte OpusHead (RFC 7845, 5.1). */
    static byte[] opusHead() {
        ByteBuffer head = ByteBuffer.allocate(19).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        head.put("OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        head.put((byte) 1); // version
        head.put((byte) 1); // channel count
        head.putShort((short) 0); // pre-skip: silence needs none
        head.putInt(SAMPLE_RATE); // input sample rate
        head.putShort((short) 0); // output gain
        head.put((byte) 0); // channel mapping family 0
        return head.array();
    }

    /** A big-endian bit writer, padded with zero bits to whole bytes. */
    private static final class Bits {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        private int current;
        private int used;

        void put(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                current = (current << 1) | ((value >>> i) & 1);
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] toBytes() {
            if (used > 0) {
                out.write(current << (8 - used));
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }
}
