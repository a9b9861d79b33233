package io.github.camelseedance.simulator.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jcodec.api.FrameGrab;
import org.jcodec.codecs.aac.AACDecoder;
import org.jcodec.common.Codec;
import org.jcodec.common.DemuxerTrack;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RealVideoRendererTest {

    private static final String PROMPT = "A red fox runs through a snowy forest at dawn, cinematic, 35mm";

    private final RealVideoRenderer renderer = new RealVideoRenderer();

    @Test
    void mp4HasTheRequestedDurationFrameCountAndAspectRatio() throws Exception {
        byte[] mp4 = renderer.render(new VideoSpec(PROMPT, 1280, 720, 2, VideoFormat.MP4));

        assertThat(brand(mp4)).isEqualTo("isom");
        DemuxerTrackMeta meta = mp4Meta(mp4);
        assertThat(meta.getCodec()).isEqualTo(Codec.H264);
        assertThat(meta.getTotalDuration()).isCloseTo(2.0, within(1.0 / renderer.fps()));
        assertThat(meta.getTotalFrames()).isEqualTo(2 * renderer.fps());
        assertThat(meta.getVideoCodecMeta().getSize().getWidth()).isEqualTo(320);
        assertThat(meta.getVideoCodecMeta().getSize().getHeight()).isEqualTo(180);
        assertAspect(320, 180, 1280, 720);
    }

    @Test
    void mp4FramesDecodeWithAPureJavaDecoder() throws Exception {
        byte[] mp4 = renderer.render(new VideoSpec(PROMPT, 720, 1280, 1, VideoFormat.MP4));

        FrameGrab grab = FrameGrab.createFrameGrab(channel(mp4));
        Picture first = grab.getNativeFrame();
        assertThat(first).isNotNull();
        assertThat(first.getCroppedWidth()).isEqualTo(180);
        assertThat(first.getCroppedHeight()).isEqualTo(320);
        byte[] firstLuma = first.getPlaneData(0).clone(); // the grabber reuses its picture
        int decoded = 1;
        Picture last = first;
        for (Picture p; (p = grab.getNativeFrame()) != null; decoded++) {
            last = p;
        }
        assertThat(decoded).isEqualTo(renderer.fps());
        assertThat(last.getPlaneData(0)).isNotEqualTo(firstLuma); // something moves
    }

    @Test
    void fifteenSecondMp4() throws Exception {
        byte[] mp4 = renderer.render(new VideoSpec(PROMPT, 1470, 630, 15, VideoFormat.MP4));

        DemuxerTrackMeta meta = mp4Meta(mp4);
        assertThat(meta.getTotalDuration()).isCloseTo(15.0, within(1.0 / renderer.fps()));
        assertThat(meta.getTotalFrames()).isEqualTo(15 * renderer.fps());
        assertThat(meta.getVideoCodecMeta().getSize().getWidth()).isEqualTo(320);
        assertThat(meta.getVideoCodecMeta().getSize().getHeight()).isEqualTo(138);
        assertAspect(320, 138, 1470, 630);
    }

    @Test
    void movHasTheQuickTimeBrand() throws Exception {
        byte[] mov = renderer.render(new VideoSpec(PROMPT, 960, 960, 1, VideoFormat.MOV));

        assertThat(new String(mov, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(brand(mov)).isEqualTo("qt  ");
        DemuxerTrackMeta meta = mp4Meta(mov);
        assertThat(meta.getCodec()).isEqualTo(Codec.H264);
        assertThat(meta.getTotalDuration()).isCloseTo(1.0, within(1.0 / renderer.fps()));
        assertThat(meta.getVideoCodecMeta().getSize().getWidth()).isEqualTo(320);
        assertThat(meta.getVideoCodecMeta().getSize().getHeight()).isEqualTo(320);
    }

    @Test
    void webmIsValidWithDocTypeWebmAndAVp8TrackOfTheRightSize() {
        byte[] webm = renderer.render(new VideoSpec(PROMPT, 1112, 834, 2, VideoFormat.WEBM));

        assertThat(Arrays.copyOf(webm, 4)).containsExactly(0x1A, 0x45, 0xDF, 0xA3);
        Ebml ebml = new Ebml(webm); // throws when any element overruns its parent
        assertThat(ebml.string(WebmWriter.DOC_TYPE)).isEqualTo("webm");
        assertThat(ebml.first(WebmWriter.SEGMENT).dataOffset() + ebml.first(WebmWriter.SEGMENT).size())
                .isEqualTo(webm.length);
        assertThat(ebml.string(WebmWriter.CODEC_ID)).isEqualTo("V_VP8");
        assertThat(ebml.uint(WebmWriter.TRACK_TYPE)).isEqualTo(1);
        assertThat(ebml.uint(WebmWriter.PIXEL_WIDTH)).isEqualTo(320);
        assertThat(ebml.uint(WebmWriter.PIXEL_HEIGHT)).isEqualTo(240);
        assertAspect(320, 240, 1112, 834);
        assertThat(ebml.uint(WebmWriter.TIMECODE_SCALE)).isEqualTo(1_000_000);
        assertThat(ebml.floatValue(WebmWriter.DURATION)).isEqualTo(2000.0);
        List<Ebml.Element> blocks = ebml.all(WebmWriter.SIMPLE_BLOCK);
        assertThat(blocks).hasSize(2 * renderer.fps());
        assertThat(ebml.all(WebmWriter.CLUSTER)).hasSize(2);
        assertThat(ebml.all(WebmWriter.CUE_POINT)).hasSize(2);

        // the cue points at the clusters (positions relative to the segment's data)
        int segmentData = ebml.first(WebmWriter.SEGMENT).dataOffset();
        List<Ebml.Element> clusters = ebml.all(WebmWriter.CLUSTER);
        List<Ebml.Element> cuePositions = ebml.all(WebmWriter.CUE_CLUSTER_POSITION);
        for (int i = 0; i < clusters.size(); i++) {
            byte[] pos = ebml.payload(cuePositions.get(i));
            long p = 0;
            for (byte b : pos) {
                p = (p << 8) | (b & 0xff);
            }
            assertThat(segmentData + p).isEqualTo(clusters.get(i).absoluteOffset());
        }

        // every block: track 1, increasing time, a VP8 key frame (RFC 6386 9.1) of the track's size
        long previous = -1;
        for (Ebml.Element e : blocks) {
            byte[] block = ebml.payload(e);
            assertThat(block[0] & 0xff).isEqualTo(0x81);
            assertThat(block[3] & 0x80).isEqualTo(0x80);
            int vp8 = 4;
            assertThat(block[vp8] & 1).as("key frame bit").isZero();
            assertThat(Arrays.copyOfRange(block, vp8 + 3, vp8 + 6)).containsExactly(0x9d, 0x01, 0x2a);
            int width = ((block[vp8 + 6] & 0xff) | (block[vp8 + 7] & 0xff) << 8) & 0x3fff;
            int height = ((block[vp8 + 8] & 0xff) | (block[vp8 + 9] & 0xff) << 8) & 0x3fff;
            assertThat(width).isEqualTo(320);
            assertThat(height).isEqualTo(240);
            long time = ((block[1] & 0xff) << 8 | (block[2] & 0xff));
            if (time != 0) {
                assertThat(time).isGreaterThan(previous);
            }
            previous = time;
        }
    }

    @ParameterizedTest
    @CsvSource({ "1280,720,320,180", "720,1280,180,320", "960,960,320,320", "1112,834,320,240", "834,1112,240,320",
            "1470,630,320,138", "864,496,320,184", "640,640,320,320", "3840,2160,320,180", "200,100,200,100",
            "8192,1,320,16", "1,1,16,16", "301,201,300,200" })
    void outputSizeKeepsTheAspectRatioAtTheLongestSide(int w, int h, int ew, int eh) {
        RealVideoRenderer.FrameSize size = renderer.outputSize(w, h);
        assertThat(size).isEqualTo(new RealVideoRenderer.FrameSize(ew, eh));
        assertThat(size.width() % 2).isZero();
        assertThat(size.height() % 2).isZero();
    }

    @Test
    void everyFormatRendersAPortraitVideo() {
        for (VideoFormat f : VideoFormat.values()) {
            byte[] b = renderer.render(new VideoSpec("portrait " + f, 496, 864, 1, f));
            assertThat(b).hasSizeGreaterThan(1000);
        }
        assertThat(renderer.renderCount()).isEqualTo(3);
    }

    @Test
    void extremeShapesAndLongPromptsRenderInEveryFormat() {
        // 8192x1 -> 320x16: very wide frames overflowed JCodec's VP8 token buffer before the priming work-around
        String longPrompt = "word ".repeat(500) + "a-single-very-long-token-".repeat(20);
        for (VideoFormat f : VideoFormat.values()) {
            assertThat(renderer.render(new VideoSpec(longPrompt, 8192, 1, 1, f))).hasSizeGreaterThan(100);
            assertThat(renderer.render(new VideoSpec(longPrompt, 1, 8192, 1, f))).hasSizeGreaterThan(100);
            assertThat(renderer.render(new VideoSpec("", 3840, 2160, 1, f))).hasSizeGreaterThan(100);
        }
        Ebml wide = new Ebml(renderer.render(new VideoSpec(longPrompt, 8192, 1, 1, VideoFormat.WEBM)));
        assertThat(wide.uint(WebmWriter.PIXEL_WIDTH)).isEqualTo(320);
        assertThat(wide.uint(WebmWriter.PIXEL_HEIGHT)).isEqualTo(16);
    }

    @Test
    void cacheHitReturnsTheSameBytesWithoutRenderingAgain() {
        VideoSpec spec = new VideoSpec(PROMPT, 1280, 720, 1, VideoFormat.MP4);
        byte[] first = renderer.render(spec);
        byte[] second = renderer.render(new VideoSpec(PROMPT, 1280, 720, 1, VideoFormat.MP4));

        assertThat(second).isSameAs(first);
        assertThat(renderer.renderCount()).isEqualTo(1);
        assertThat(renderer.cachedEntries()).isEqualTo(1);

        renderer.render(new VideoSpec(PROMPT, 1280, 720, 1, VideoFormat.WEBM));
        assertThat(renderer.renderCount()).isEqualTo(2);
    }

    @Test
    void renderingIsDeterministic() {
        VideoSpec spec = new VideoSpec(PROMPT, 1280, 720, 1, VideoFormat.WEBM);
        byte[] a = new RealVideoRenderer().render(spec);
        byte[] b = new RealVideoRenderer().render(spec);
        assertThat(a).isEqualTo(b);
        VideoSpec mp4 = new VideoSpec(PROMPT, 1280, 720, 1, VideoFormat.MP4);
        assertThat(new RealVideoRenderer().render(mp4)).isEqualTo(new RealVideoRenderer().render(mp4));
    }

    @Test
    void cacheIsABoundedLru() {
        RealVideoRenderer small = new RealVideoRenderer(64, 2, 2);
        VideoSpec a = new VideoSpec("a", 64, 64, 1, VideoFormat.WEBM);
        VideoSpec b = new VideoSpec("b", 64, 64, 1, VideoFormat.WEBM);
        VideoSpec c = new VideoSpec("c", 64, 64, 1, VideoFormat.WEBM);
        small.render(a);
        small.render(b);
        small.render(a); // a is now the most recently used
        small.render(c); // evicts b
        assertThat(small.renderCount()).isEqualTo(3);
        small.render(a);
        assertThat(small.renderCount()).isEqualTo(3);
        small.render(b);
        assertThat(small.renderCount()).isEqualTo(4);
        assertThat(small.cachedEntries()).isEqualTo(2);
    }

    @Test
    void disabledCacheRendersEveryTime() {
        RealVideoRenderer uncached = new RealVideoRenderer(64, 2, 0);
        VideoSpec a = new VideoSpec("a", 64, 64, 1, VideoFormat.MP4);
        assertThat(uncached.render(a)).isEqualTo(uncached.render(a));
        assertThat(uncached.renderCount()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsForTheSameSpecRenderOnce() throws Exception {
        VideoSpec spec = new VideoSpec(PROMPT, 1280, 720, 2, VideoFormat.MP4);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return renderer.render(spec);
                }));
            }
            start.countDown();
            byte[] first = results.get(0).get(60, TimeUnit.SECONDS);
            for (Future<byte[]> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(renderer.renderCount()).isEqualTo(1);
    }

    @Test
    void differentSpecsRenderInParallelWithTheSameResultAsSequentially() throws Exception {
        List<VideoSpec> specs = new ArrayList<>();
        for (VideoFormat f : VideoFormat.values()) {
            specs.add(new VideoSpec("parallel one " + f, 1280, 720, 1, f));
            specs.add(new VideoSpec("parallel two " + f, 720, 1280, 1, f));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<byte[]>> results = new ArrayList<>();
            for (VideoSpec spec : specs) {
                results.add(pool.submit(() -> {
                    start.await();
                    return renderer.render(spec);
                }));
            }
            start.countDown();
            RealVideoRenderer sequential = new RealVideoRenderer();
            for (int i = 0; i < specs.size(); i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(sequential.render(specs.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(renderer.renderCount()).isEqualTo(specs.size());
    }

    @Test
    void theFirstFrameShowsTheFrameImageAndTheLastTheLastImage() throws Exception {
        byte[] first = TestImages.halves(320, 184, 0xFF0000, 0x0000FF, "png");
        byte[] last = TestImages.halves(320, 184, 0x00FF00, 0x00FF00, "jpg");
        byte[] mp4 = renderer.render(new VideoSpec(PROMPT, 864, 496, 1, VideoFormat.MP4, 1, false, first, last));

        FrameGrab grab = FrameGrab.createFrameGrab(channel(mp4));
        Picture start = grab.getNativeFrame().cloneCropped(); // the grabber reuses its picture
        Picture end = start;
        for (Picture p; (p = grab.getNativeFrame()) != null;) {
            end = p;
        }
        // below the text band, above the moving square: the picture itself
        assertThat(chroma(start, 2, 40, 120)).as("red left half: Cr high").isGreaterThan(80);
        assertThat(chroma(start, 1, 280, 120)).as("blue right half: Cb high").isGreaterThan(80);
        assertThat(chroma(start, 2, 280, 120)).isLessThan(0);
        assertThat(chroma(end, 1, 40, 120)).as("green: Cb low").isLessThan(-40);
        assertThat(chroma(end, 2, 280, 120)).as("green: Cr low").isLessThan(-40);
    }

    @Test
    void withoutAFrameImageTheBackgroundIsPlain() throws Exception {
        byte[] mp4 = renderer.render(new VideoSpec(PROMPT, 864, 496, 1, VideoFormat.MP4, 1, false, null, null));
        Picture frame = FrameGrab.createFrameGrab(channel(mp4)).getNativeFrame();
        assertThat(chroma(frame, 2, 40, 120)).isCloseTo(chroma(frame, 2, 280, 120), within(4));
    }

    @Test
    void theSeedChangesThePicture() throws Exception {
        byte[] a = renderer.render(new VideoSpec(PROMPT, 864, 496, 1, VideoFormat.MP4, 1, false, null, null));
        byte[] b = renderer.render(new VideoSpec(PROMPT, 864, 496, 1, VideoFormat.MP4, 2, false, null, null));
        assertThat(a).isNotEqualTo(b);
        byte[] lumaA = FrameGrab.createFrameGrab(channel(a)).getNativeFrame().getPlaneData(0).clone();
        byte[] lumaB = FrameGrab.createFrameGrab(channel(b)).getNativeFrame().getPlaneData(0).clone();
        assertThat(lumaA).isNotEqualTo(lumaB);
        assertThat(renderer.render(new VideoSpec(PROMPT, 864, 496, 1, VideoFormat.MP4, 1, false, null, null)))
                .isSameAs(a);
    }

    @ParameterizedTest
    @CsvSource({ "MP4", "MOV" })
    void audioAddsAnAacToneAsLongAsTheVideo(VideoFormat format) throws Exception {
        byte[] file = renderer.render(new VideoSpec(PROMPT, 864, 496, 4, format, 1, true, null, null));

        MP4Demuxer demuxer = MP4Demuxer.createMP4Demuxer(channel(file));
        assertThat(demuxer.getAudioTracks()).hasSize(1);
        DemuxerTrack audio = demuxer.getAudioTracks().get(0);
        assertThat(audio.getMeta().getCodec()).isEqualTo(Codec.AAC);
        assertThat(audio.getMeta().getTotalDuration()).isCloseTo(4.0, within(1024.0 / 48_000));
        assertThat(audio.getMeta().getTotalDuration()).isLessThanOrEqualTo(4.0);

        AACDecoder decoder = new AACDecoder(audio.getMeta().getCodecPrivate());
        double sumOfSquares = 0;
        long samples = 0;
        int crossings = 0;
        short previous = 0;
        int frames = 0;
        for (Packet packet; (packet = audio.nextFrame()) != null; frames++) {
            ByteBuffer pcm = decoder.decodeFrame(packet.getData(), ByteBuffer.allocate(1 << 16)).getData()
                    .order(ByteOrder.LITTLE_ENDIAN);
            while (pcm.remaining() >= 2) {
                short sample = pcm.getShort();
                if (frames >= 2) { // past the decoder's first, overlapping frame
                    sumOfSquares += (double) sample * sample;
                    samples++;
                    crossings += (previous < 0) != (sample < 0) ? 1 : 0;
                }
                previous = sample;
            }
        }
        assertThat(frames).isEqualTo(AudioTracks.aacFrames(4));
        assertThat(Math.sqrt(sumOfSquares / samples)).as("a steady tone of -12 dBFS peak, RMS 8192 / sqrt 2")
                .isCloseTo(8192 / Math.sqrt(2), within(100.0));
        assertThat(crossings / 2.0 / (samples / 48_000.0)).as("its frequency")
                .isCloseTo(AudioTracks.TONE_HZ, within(2.0));
    }

    @Test
    void withoutAudioThereIsNoAudioTrack() throws Exception {
        byte[] mp4 = renderer.render(new VideoSpec(PROMPT, 864, 496, 1, VideoFormat.MP4, 1, false, null, null));
        assertThat(MP4Demuxer.createMP4Demuxer(channel(mp4)).getAudioTracks()).isEmpty();
        Ebml webm = new Ebml(
                renderer.render(new VideoSpec(PROMPT, 864, 496, 1, VideoFormat.WEBM, 1, false, null, null)));
        assertThat(webm.all(WebmWriter.TRACK_ENTRY)).hasSize(1);
    }

    @Test
    void webmAudioIsASilentOpusTrackInterleavedWithTheVideo() {
        byte[] file = renderer.render(new VideoSpec(PROMPT, 864, 496, 2, VideoFormat.WEBM, 1, true, null, null));

        Ebml webm = new Ebml(file);
        assertThat(webm.all(WebmWriter.TRACK_ENTRY)).hasSize(2);
        assertThat(webm.all(WebmWriter.CODEC_ID))
                .extracting(e -> new String(webm.payload(e), StandardCharsets.US_ASCII))
                .containsExactly("V_VP8", "A_OPUS");
        assertThat(new String(webm.payload(webm.first(WebmWriter.CODEC_PRIVATE)), 0, 8, StandardCharsets.US_ASCII))
                .isEqualTo("OpusHead");
        assertThat(webm.uint(WebmWriter.CHANNELS)).isEqualTo(1);
        List<Ebml.Element> blocks = webm.all(WebmWriter.SIMPLE_BLOCK);
        List<byte[]> audio = blocks.stream().map(webm::payload).filter(b -> (b[0] & 0xff) == 0x82).toList();
        assertThat(audio).hasSize(2 * 1000 / AudioTracks.OPUS_FRAME_MILLIS)
                .allSatisfy(b -> assertThat(Arrays.copyOfRange(b, 4, b.length)).containsExactly(0xF8, 0xFF, 0xFE));
        assertThat(blocks).hasSize(2 * renderer.fps() + audio.size());
        assertThat(webm.all(WebmWriter.CLUSTER)).hasSize(2);
    }

    private static int chroma(Picture picture, int plane, int x, int y) {
        return picture.getPlaneData(plane)[(y >> 1) * picture.getPlaneWidth(plane) + (x >> 1)];
    }

    private static void assertAspect(int w, int h, int requestedW, int requestedH) {
        // even rounding of the shorter side moves the ratio by at most 1 px on that side
        double requested = (double) requestedW / requestedH;
        double actual = (double) w / h;
        double tolerance = requested * (1.0 / Math.min(w, h));
        assertThat(actual).isCloseTo(requested, within(tolerance));
    }

    private static String brand(byte[] file) {
        assertThat(new String(file, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        return new String(file, 8, 4, StandardCharsets.US_ASCII);
    }

    private static DemuxerTrackMeta mp4Meta(byte[] file) throws Exception {
        MP4Demuxer demuxer = MP4Demuxer.createMP4Demuxer(channel(file));
        assertThat(demuxer.getVideoTracks()).hasSize(1);
        return demuxer.getVideoTrack().getMeta();
    }

    private static ByteBufferSeekableByteChannel channel(byte[] file) {
        return ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(file));
    }
}
