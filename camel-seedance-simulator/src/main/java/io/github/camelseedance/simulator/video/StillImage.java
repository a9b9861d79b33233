package io.github.camelseedance.simulator.video;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.jcodec.codecs.mjpeg.JpegDecoder;
import org.jcodec.codecs.png.PNGDecoder;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoDecoder;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;

/**
 * A still image decoded in pure Java with JCodec's own decoders, as 8-bit RGB: PNG ({@link PNGDecoder}: 8-bit
 * grey, RGB, palette, with alpha blended onto a background) and baseline JPEG ({@link JpegDecoder}: 4:2:0, 4:2:2
 * and 4:4:4 colour). Other files (WebP, GIF, BMP, progressive JPEG, 16-bit PNG) or images above
 * {@value #MAX_PIXELS} pixels are not decoded: {@link #decode} answers empty.
 */
public final class StillImage {

    /** Largest image decoded, in pixels (4096 x 4096); Runware itself stores images up to 2048 px. */
    public static final int MAX_PIXELS = 4096 * 4096;

    private final int width;
    private final int height;
    /** Packed R, G, B, unsigned, row by row. */
    private final byte[] rgb;

    private StillImage(int width, int height, byte[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The red, green and blue values (0..255) of the pixel at x, y. */
    public int[] pixel(int x, int y) {
        int at = 3 * (y * width + x);
        return new int[]{ rgb[at] & 0xFF, rgb[at + 1] & 0xFF, rgb[at + 2] & 0xFF };
    }

    /** The image's size from its header, without decoding it; empty when it is not a decodable PNG or JPEG. */
    public static Optional<int[]> size(byte[] file) {
        return meta(file).map(meta -> new int[]{ meta.getSize().getWidth(), meta.getSize().getHeight() });
    }

    /** The decoded image, or empty when the bytes are not a PNG or baseline JPEG JCodec can decode. */
    public static Optional<StillImage> decode(byte[] file) {
        try {
            if (isPng(file)) {
                return meta(file).map(meta -> decodePng(file, meta));
            }
            if (isJpeg(file)) {
                return meta(file).map(meta -> decodeJpeg(file, meta));
            }
        } catch (RuntimeException e) {
            // a damaged or unsupported variant: the video shows no image, as documented
        }
        return Optional.empty();
    }

    private static Optional<VideoCodecMeta> meta(byte[] file) {
        VideoDecoder decoder = isPng(file) ? new PNGDecoder() : isJpeg(file) ? new JpegDecoder() : null;
        if (decoder == null) {
            return Optional.empty();
        }
        try {
            VideoCodecMeta meta = decoder.getCodecMeta(ByteBuffer.wrap(file));
            if (meta == null || meta.getSize().getWidth() < 1 || meta.getSize().getHeight() < 1
                || (long) meta.getSize().getWidth() * meta.getSize().getHeight() > MAX_PIXELS) {
                return Optional.empty();
            }
            return Optional.of(meta);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static StillImage decodePng(byte[] file, VideoCodecMeta meta) {
        int w = meta.getSize().getWidth();
        int h = meta.getSize().getHeight();
        byte[][] planes = { new byte[3 * w * h] };
        Picture picture = new PNGDecoder().decodeFrame(ByteBuffer.wrap(file), planes);
        if (picture == null) {
            throw new IllegalArgumentException("PNG data does not inflate");
        }
        byte[] rgb = planes[0];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (rgb[i] + 128);
        }
        return new StillImage(w, h, rgb);
    }

    private static StillImage decodeJpeg(byte[] file, VideoCodecMeta meta) {
        int w = meta.getSize().getWidth();
        int h = meta.getSize().getHeight();
        int paddedWidth = (w + 15) & ~15;
        int paddedHeight = (h + 15) & ~15;
        byte[][] planes = { new byte[paddedWidth * paddedHeight], new byte[paddedWidth * paddedHeight],
                new byte[paddedWidth * paddedHeight] };
        Picture picture = new JpegDecoder().decodeFrame(ByteBuffer.wrap(file), planes);
        if (picture == null) {
            throw new IllegalArgumentException("no JPEG scan");
        }
        ColorSpace color = picture.getColor();
        int chromaX = color.compWidth[1];
        int chromaY = color.compHeight[1];
        Rect crop = picture.getCrop();
        int stride = picture.getPlaneWidth(0);
        int chromaStride = picture.getPlaneWidth(1);
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < Math.min(h, crop == null ? h : crop.getHeight()); y++) {
            for (int x = 0; x < w; x++) {
                int luma = picture.getPlaneData(0)[y * stride + x] + 128;
                int chroma = (y >> chromaY) * chromaStride + (x >> chromaX);
                int cb = picture.getPlaneData(1)[chroma];
                int cr = picture.getPlaneData(2)[chroma];
                int at = 3 * (y * w + x);
                rgb[at] = clip(luma + 1.402 * cr);
                rgb[at + 1] = clip(luma - 0.344136 * cb - 0.714136 * cr);
                rgb[at + 2] = clip(luma + 1.772 * cb);
            }
        }
        return new StillImage(w, h, rgb);
    }

    private static byte clip(double v) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
    }

    private static boolean isPng(byte[] b) {
        return b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    private static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8;
    }
}
