package io.github.camelseedance.simulator.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.codecs.vpx.VP8Encoder;
import org.jcodec.common.AudioFormat;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.Brand;
import org.jcodec.containers.mp4.muxer.MP4Muxer;

/**
 * Renders real, playable video files in pure Java (JCodec, no AWT, no system fonts).
 *
 * <ul>
 * <li>{@link VideoFormat#MP4}: H.264 (JCodec {@link H264Encoder}, constant QP, a key frame every second) in an
 * MP4 container (brand {@code isom}).</li>
 * <li>{@link VideoFormat#MOV}: the same H.264 stream in a QuickTime container (brand {@code qt  }).</li>
 * <li>{@link VideoFormat#WEBM}: VP8 (JCodec {@link VP8Encoder}, key frames only) in WebM (EBML DocType
 * {@code webm}), written by this package's own minimal muxer (JCodec's MKV muxer assumes 25 fps).</li>
 * </ul>
 *
 * <p>Every frame shows, on the spec's first frame image (turning into its last frame image, when given; PNG and
 * baseline JPEG are decoded, see {@link StillImage}) or on a colour derived from the prompt and the seed, the header
 * "SEEDANCE SIMULATOR", the seed, the prompt (upper-cased, word-wrapped, cut with "..." when it does not fit), a
 * frame/time label, a square moving from left to right (starting where the seed says) and a progress bar.
 *
 * <p><b>Audio:</b> with {@link VideoSpec#audio()}, MP4 and MOV carry an AAC-LC tone track and WebM a silent Opus
 * track (see {@link AudioTracks}), as long as the video to within one audio frame.
 *
 * <p><b>Timing:</b> exactly {@code durationSeconds * fps} frames at a constant {@code fps} (default {@value
 * #DEFAULT_FPS}), so the container duration is exactly the requested duration.
 *
 * <p><b>Frame size rule:</b> the requested aspect ratio at a smaller size. The longer side becomes {@code L =
 * min(maxSide, max(width, height))} rounded down to an even number (default {@code maxSide} {@value
 * #DEFAULT_MAX_SIDE}); the shorter side becomes {@code shorter * L / longer} rounded to the nearest even number
 * (4:2:0 video needs even sizes); both are at least {@value #MIN_SIDE}. The aspect ratio is thus kept to within
 * one pixel of the shorter side; frames are never larger than requested except for the {@value #MIN_SIDE} px
 * minimum. Examples: 1280x720 gives 320x180, 720x1280 gives
 * 180x320, 960x960 gives 320x320, 1112x834 gives 320x240, 1470x630 gives 320x138, 864x496 gives 320x184.
 * See {@link #outputSize(int, int)}.
 *
 * <p><b>Caching:</b> results are cached per {@link VideoSpec} in a bounded LRU (default {@value
 * #DEFAULT_CACHE_ENTRIES} entries). Concurrent requests for the same spec render once; the others wait for that
 * result. Different specs render in parallel. The returned arrays are shared: callers must not modify them.
 */
public final class RealVideoRenderer implements VideoRenderer {

    public static final int DEFAULT_MAX_SIDE = 320;
    public static final int DEFAULT_FPS = 8;
    public static final int DEFAULT_CACHE_ENTRIES = 64;
    public static final int MIN_SIDE = 16;
    /** VP8 quantiser (0..127): lower is sharper and larger. */
    static final int VP8_QP = 40;

    /** Pixel size of the rendered frames. */
    public record FrameSize(int width, int height) {
    }

    private final int maxSide;
    private final int fps;
    private final int cacheEntries;
    private final AtomicLong renders = new AtomicLong();
    private final Map<VideoSpec, CompletableFuture<byte[]>> cache;

    /** Longest side {@value #DEFAULT_MAX_SIDE} px, {@value #DEFAULT_FPS} fps, {@value #DEFAULT_CACHE_ENTRIES} cached. */
    public RealVideoRenderer() {
        this(DEFAULT_MAX_SIDE, DEFAULT_FPS, DEFAULT_CACHE_ENTRIES);
    }

    /**
     * @param maxSide      longest side of the rendered frames in pixels, {@value #MIN_SIDE}..4096
     * @param fps          frames per second, 1..60
     * @param cacheEntries how many rendered videos to keep, 0 disables the cache
     */
    public RealVideoRenderer(int maxSide, int fps, int cacheEntries) {
        if (maxSide < MIN_SIDE || maxSide > 4096) {
            throw new IllegalArgumentException("maxSide must be " + MIN_SIDE + "..4096: " + maxSide);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps must be 1..60: " + fps);
        }
        if (cacheEntries < 0) {
            throw new IllegalArgumentException("cacheEntries must be >= 0: " + cacheEntries);
        }
        this.maxSide = maxSide;
        this.fps = fps;
        this.cacheEntries = cacheEntries;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<VideoSpec, CompletableFuture<byte[]>> eldest) {
                return size() > RealVideoRenderer.this.cacheEntries;
            }
        };
    }

    @Override
    public byte[] render(VideoSpec spec) {
        java.util.Objects.requireNonNull(spec, "spec");
        if (cacheEntries == 0) {
            return encode(spec);
        }
        CompletableFuture<byte[]> future;
        boolean owner = false;
        synchronized (cache) {
            future = cache.get(spec);
            if (future == null) {
                future = new CompletableFuture<>();
                cache.put(spec, future);
                owner = true;
            }
        }
        if (owner) {
            try {
                future.complete(encode(spec));
            } catch (RuntimeException | Error e) {
                synchronized (cache) {
                    cache.remove(spec, future);
                }
                future.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** How many videos were actually encoded (cache misses) by this renderer. */
    public long renderCount() {
        return renders.get();
    }

    /** How many rendered videos are cached now. */
    public int cachedEntries() {
        synchronized (cache) {
            return (int) cache.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
        }
    }

    /** Forgets every cached video. */
    public void clearCache() {
        synchronized (cache) {
            cache.clear();
        }
    }

    public int fps() {
        return fps;
    }

    public int maxSide() {
        return maxSide;
    }

    /** Number of frames a spec renders to: {@code durationSeconds * fps}. */
    public int frameCount(VideoSpec spec) {
        return spec.durationSeconds() * fps;
    }

    /** The pixel size rendered for a requested size (see the class documentation for the rule). */
    public FrameSize outputSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        int longer = Math.max(width, height);
        int shorter = Math.min(width, height);
        int outLonger = Math.max(MIN_SIDE, Math.min(maxSide, longer) & ~1);
        int outShorter = Math.max(MIN_SIDE, (int) Math.round((double) shorter * outLonger / longer / 2.0) * 2);
        outShorter = Math.min(outShorter, outLonger);
        return width >= height ? new FrameSize(outLonger, outShorter) : new FrameSize(outShorter, outLonger);
    }

    private byte[] encode(VideoSpec spec) {
        renders.incrementAndGet();
        FrameSize size = outputSize(spec.width(), spec.height());
        FramePainter painter = new FramePainter(spec.prompt(), spec.seed(), size.width(), size.height(), fps,
                spec.durationSeconds(), image(spec.firstFrame()), image(spec.lastFrame()));
        try {
            return switch (spec.format()) {
                case MP4 -> encodeH264(painter, size, Brand.MP4, spec);
                case MOV -> encodeH264(painter, size, Brand.MOV, spec);
                case WEBM -> encodeWebm(painter, size, spec);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("rendering " + spec + " failed", e);
        }
    }

    private static StillImage image(byte[] file) {
        return file == null ? null : StillImage.decode(file).orElse(null);
    }

    private byte[] encodeH264(FramePainter painter, FrameSize size, Brand brand, VideoSpec spec) throws IOException {
        int frames = painter.frameCount();
        MemoryChannel out = new MemoryChannel(frames * 4096 + 4096);
        MP4Muxer muxer = MP4Muxer.createMP4Muxer(out, brand);
        MuxerTrack track = muxer.addVideoTrack(Codec.H264,
                VideoCodecMeta.createSimpleVideoCodecMeta(new Size(size.width(), size.height()),
                        ColorSpace.YUV420J));
        MuxerTrack audio = spec.audio() ? muxer.addCompressedAudioTrack(Codec.AAC, AudioFormat.MONO_48K_S16_LE) : null;
        List<ByteBuffer> audioFrames = spec.audio()
                ? AudioTracks.aacTone(AudioTracks.aacFrames(spec.durationSeconds()))
                : List.of();
        int audioAdded = 0;
        H264Encoder encoder = H264Encoder.createH264Encoder();
        encoder.setKeyInterval(fps);
        for (int i = 0; i < frames; i++) {
            Picture pic = painter.paint(i);
            int raw = size.width() * size.height() * 3 / 2;
            ByteBuffer buf = ByteBuffer.allocate(Math.max(encoder.estimateBufferSize(pic), 2 * raw + 16384));
            VideoEncoder.EncodedFrame ef = encoder.encodeFrame(pic, buf);
            track.addFrame(Packet.createPacket(ef.getData(), i, fps, 1, i,
                    ef.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null));
            // interleave: the audio frames that start before the next video frame
            long until = (long) (i + 1) * AudioTracks.SAMPLE_RATE / fps;
            for (; audioAdded < audioFrames.size()
                   && (long) audioAdded * AudioTracks.AAC_FRAME_SAMPLES < until; audioAdded++) {
                audio.addFrame(Packet.createPacket(audioFrames.get(audioAdded),
                        (long) audioAdded * AudioTracks.AAC_FRAME_SAMPLES, AudioTracks.SAMPLE_RATE,
                        AudioTracks.AAC_FRAME_SAMPLES, audioAdded, Packet.FrameType.KEY, null));
            }
        }
        muxer.finish();
        return Mp4Timestamps.clear(out.toByteArray());
    }

    private byte[] encodeWebm(FramePainter painter, FrameSize size, VideoSpec spec) {
        int frames = painter.frameCount();
        VP8Encoder encoder = VP8Encoder.createVP8Encoder(VP8_QP);
        primeVp8Buffers(encoder, size);
        List<byte[]> data = new ArrayList<>(frames);
        List<Boolean> keys = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            Picture pic = painter.paint(i);
            // JCodec's estimate is too small for small or detailed frames: 4 bytes a pixel is above the worst case
            ByteBuffer buf = ByteBuffer.allocate(size.width() * size.height() * 4 + 65536);
            VideoEncoder.EncodedFrame ef = encoder.encodeFrame(pic, buf);
            ByteBuffer d = ef.getData();
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            data.add(bytes);
            keys.add(ef.isKeyFrame());
        }
        List<byte[]> audio = spec.audio()
                ? AudioTracks.opusSilence(spec.durationSeconds() * 1000 / AudioTracks.OPUS_FRAME_MILLIS)
                : List.of();
        return WebmWriter.write(size.width(), size.height(), fps, spec.durationSeconds(), data, keys, audio);
    }

    /**
     * Works around a JCodec 0.2.5 bug: {@code VP8Encoder} sizes its internal token buffer from the macroblock
     * rows only ({@code mbHeight * mbHeight * 1024} bytes, not {@code mbWidth * mbHeight}), so wide frames overflow
     * it. The encoder keeps and reuses its buffers when they are large enough, so encoding one blank, tall frame
     * first makes them large enough: at least 4 bytes a pixel of the real frames (noise at QP 0 needs about 3) and
     * a header buffer of twice the real macroblock count.
     */
    private static void primeVp8Buffers(VP8Encoder encoder, FrameSize size) {
        int mbWidth = (size.width() + 15) >> 4;
        int mbHeight = (size.height() + 15) >> 4;
        int rows = Math.max(2 * mbHeight,
                (int) Math.ceil(Math.sqrt(size.width() * (double) size.height() * 4 / 1024)) + 1);
        Picture blank = Picture.create(16 * 2 * mbWidth, 16 * rows, ColorSpace.YUV420J);
        encoder.encodeFrame(blank, ByteBuffer.allocate(blank.getWidth() * blank.getHeight() * 4 + 65536));
    }
}
