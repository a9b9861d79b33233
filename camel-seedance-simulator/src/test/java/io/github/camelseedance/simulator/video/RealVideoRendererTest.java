package io.github.camelseedance.simulator.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
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
import org.jcodec.common.Codec;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    @CsvSource({"1280,720,320,180", "720,1280,180,320", "960,960,320,320", "1112,834,320,240", "834,1112,240,320",
        "1470,630,320,138", "864,496,320,184", "640,640,320,320", "3840,2160,320,180", "200,100,200,100",
        "8192,1,320,16", "1,1,16,16", "301,201,300,200"})
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
