package io.github.camelseedance.simulator.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;

/**
 * Paints the frames of one video into JCodec {@link Picture}s (YUV 4:2:0, full range, JCodec's signed sample
 * convention {@code sample - 128}): a background, the word-wrapped prompt in white (on a darkened band over
 * pictures), the seed, a time label, a square moving left to right and a progress bar, so every frame differs.
 *
 * <p>The background is the first frame image when there is one (scaled to cover the frame, centred), turning into
 * the last frame image over the video when there is one too; otherwise a colour derived from the prompt and the
 * seed. The seed also sets where the square starts, so the results of one task (each with its own seed) differ.
 */
final class FramePainter {

    private static final String HEADER = "SEEDANCE SIMULATOR";

    private final int width;
    private final int height;
    private final int frames;
    private final int fps;
    private final int durationSeconds;
    private final int margin;
    private final int laneTop;
    private final int laneHeight;
    private final int barTop;
    private final int barHeight;
    private final int[] accent;
    private final int startOffset;
    /** Static layer (background, header, prompt), planes Y, U, V in JCodec's signed convention. */
    private final byte[][] base;
    /** The background the video ends on, blended in over the video; null when it keeps {@link #base}'s. */
    private final byte[][] end;
    /** Where the text sits (not blended: the text stays legible), rows {@code textTop..textBottom}. */
    private final int textTop;
    private final int textBottom;
    private final List<String> lines;

    /** A text-to-video painter with seed 0. */
    FramePainter(String prompt, int width, int height, int fps, int durationSeconds) {
        this(prompt, 0, width, height, fps, durationSeconds, null, null);
    }

    /**
     * @param firstFrame the image the video starts on, or null
     * @param lastFrame  the image the video ends on, or null
     */
    FramePainter(String prompt, long seed, int width, int height, int fps, int durationSeconds, StillImage firstFrame,
                 StillImage lastFrame) {
        if ((width & 1) != 0 || (height & 1) != 0) {
            throw new IllegalArgumentException("even dimensions required: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.durationSeconds = durationSeconds;
        this.frames = fps * durationSeconds;
        this.margin = Math.max(4, Math.min(width, height) / 24);
        this.barHeight = Math.max(2, height / 48) & ~1;
        this.barTop = (height - margin / 2 - barHeight) & ~1;
        this.laneHeight = Math.max(6, Math.min(width, height) / 10) & ~1;
        this.laneTop = (barTop - margin / 2 - laneHeight) & ~1;

        long mixed = prompt.hashCode() * 0x9E3779B97F4A7C15L + seed;
        float hue = (float) Math.floorMod(mixed ^ (mixed >>> 29), 360) / 360f;
        int[] background = hsv(hue, 0.65f, 0.42f);
        this.accent = hsv((hue + 0.5f) % 1f, 0.8f, 1f);
        this.startOffset = (int) Math.floorMod(seed * 0x5DEECE66DL + 11, 1000L);

        base = planes();
        fill(base, 0, 0, width, height, background);
        if (firstFrame != null) {
            cover(base, firstFrame);
        }
        if (lastFrame != null) {
            end = planes();
            System.arraycopy(base[0], 0, end[0], 0, base[0].length);
            System.arraycopy(base[1], 0, end[1], 0, base[1].length);
            System.arraycopy(base[2], 0, end[2], 0, base[2].length);
            cover(end, lastFrame);
        } else {
            end = null;
        }

        int headerScale = 1;
        this.textTop = Math.max(0, margin - 2) & ~1;

        int scale = Math.max(1, Math.min(width, height * 16 / 9) / 160);
        int lineHeight = BitmapFont.CELL_HEIGHT * scale + scale;
        int top = margin + 3 * (BitmapFont.CELL_HEIGHT + 2) + margin / 2;
        int maxChars = Math.max(1, (width - 2 * margin) / (BitmapFont.CELL_WIDTH * scale));
        int maxLines = Math.max(1, (laneTop - margin / 2 - top) / lineHeight);
        String text = prompt.isBlank() ? "(NO PROMPT)" : prompt;
        this.lines = wrap(BitmapFont.normalize(text), maxChars, maxLines);
        this.textBottom = Math.min(height, top + lines.size() * lineHeight + 2);
        List<byte[][]> layers = end == null ? List.<byte[][]>of(base) : List.of(base, end);
        for (byte[][] layer : layers) {
            if (firstFrame != null || lastFrame != null) {
                darken(layer, 0, textTop, width, textBottom);
            }
            drawText(layer, HEADER, margin, margin, headerScale, new int[]{ 200, 200, 200 });
            drawText(layer, "SEED " + seed, margin, margin + 2 * (BitmapFont.CELL_HEIGHT + 2), headerScale,
                    new int[]{ 120, 230, 230 });
            int y = top;
            for (String line : lines) {
                drawText(layer, line, margin, y, scale, new int[]{ 255, 255, 255 });
                y += lineHeight;
            }
        }
    }

    private byte[][] planes() {
        return new byte[][]{ new byte[width * height], new byte[width * height / 4], new byte[width * height / 4] };
    }

    int frameCount() {
        return frames;
    }

    /** The prompt as laid out: upper-cased, wrapped, possibly truncated with "...". */
    List<String> lines() {
        return lines;
    }

    Picture paint(int frame) {
        Picture pic = Picture.create(width, height, ColorSpace.YUV420J);
        byte[][] planes = new byte[][]{ pic.getPlaneData(0), pic.getPlaneData(1), pic.getPlaneData(2) };
        if (end == null || frames <= 1) {
            for (int i = 0; i < 3; i++) {
                System.arraycopy(base[i], 0, planes[i], 0, base[i].length);
            }
        } else {
            blend(planes, frame * 256 / (frames - 1));
        }
        // moving square: from a start set by the seed, across and wrapping round
        int travel = Math.max(1, width - 2 * margin - laneHeight);
        long along = (long) travel * startOffset / 1000 + (frames <= 1 ? 0 : (long) travel * frame / (frames - 1));
        int x = margin + (int) (along % travel);
        x &= ~1;
        fill(planes, x, laneTop, x + laneHeight, laneTop + laneHeight, accent);
        // progress bar: track and filled part
        fill(planes, margin, barTop, width - margin, barTop + barHeight, new int[]{ 90, 90, 90 });
        int filled = (int) ((long) (width - 2 * margin) * (frame + 1) / frames);
        fill(planes, margin, barTop, margin + filled, barTop + barHeight, new int[]{ 255, 255, 255 });
        // time label, top right
        String label = String.format(Locale.ROOT, "%d/%d %.2fS", frame + 1, frames, frame / (double) fps);
        int labelWidth = label.length() * BitmapFont.CELL_WIDTH;
        drawText(planes, label, Math.max(margin, width - margin - labelWidth), margin + BitmapFont.CELL_HEIGHT + 2, 1,
                new int[]{ 230, 230, 120 });
        return pic;
    }

    static List<String> wrap(String text, int maxChars, int maxLines) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            while (word.length() > maxChars) { // break words longer than a line
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                out.add(word.substring(0, maxChars));
                word = word.substring(maxChars);
            }
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > maxChars) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        if (out.size() > maxLines) {
            List<String> cut = new ArrayList<>(out.subList(0, maxLines));
            String last = cut.get(maxLines - 1);
            String ellipsis = "...";
            if (last.length() + ellipsis.length() > maxChars) {
                last = last.substring(0, Math.max(0, maxChars - ellipsis.length()));
            }
            cut.set(maxLines - 1, (last + ellipsis).substring(0, Math.min(maxChars, last.length() + 3)));
            return cut;
        }
        return out;
    }

    /** The base layer turned {@code weight}/256 of the way into the end layer; the text band stays as it is. */
    private void blend(byte[][] planes, int weight) {
        for (int p = 0; p < 3; p++) {
            int planeWidth = p == 0 ? width : width / 2;
            int top = p == 0 ? textTop : textTop / 2;
            int bottom = p == 0 ? textBottom : (textBottom + 1) / 2;
            byte[] from = base[p];
            byte[] to = end[p];
            byte[] out = planes[p];
            for (int i = 0; i < from.length; i++) {
                int row = i / planeWidth;
                out[i] = row >= top && row < bottom
                        ? from[i]
                        : (byte) ((from[i] * (256 - weight) + to[i] * weight) >> 8);
            }
        }
    }

    /** Scales the image to cover the frame (aspect kept, centred, the overflow cut) and paints it. */
    private void cover(byte[][] planes, StillImage image) {
        double scale = Math.max((double) width / image.width(), (double) height / image.height());
        double offsetX = (image.width() - width / scale) / 2;
        double offsetY = (image.height() - height / scale) / 2;
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                int u = 0;
                int v = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int sx = Math.min(image.width() - 1, (int) (offsetX + (x + dx + 0.5) / scale));
                        int sy = Math.min(image.height() - 1, (int) (offsetY + (y + dy + 0.5) / scale));
                        int[] rgb = image.pixel(Math.max(0, sx), Math.max(0, sy));
                        planes[0][(y + dy) * width + x + dx] = signed(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]);
                        u += (int) Math.round(-0.168736 * rgb[0] - 0.331264 * rgb[1] + 0.5 * rgb[2]);
                        v += (int) Math.round(0.5 * rgb[0] - 0.418688 * rgb[1] - 0.081312 * rgb[2]);
                    }
                }
                int chroma = (y / 2) * (width / 2) + x / 2;
                planes[1][chroma] = signed(u / 4.0 + 128);
                planes[2][chroma] = signed(v / 4.0 + 128);
            }
        }
    }

    /** Darkens [x0,x1) x [y0,y1) to 40 % brightness and halves its colour, so white text reads on any picture. */
    private void darken(byte[][] planes, int x0, int y0, int x1, int y1) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int at = y * width + x;
                planes[0][at] = (byte) (((planes[0][at] + 128) * 2 / 5) - 128);
            }
        }
        int cw = width / 2;
        for (int cy = y0 / 2; cy < (y1 + 1) / 2; cy++) {
            for (int cx = x0 / 2; cx < x1 / 2; cx++) {
                planes[1][cy * cw + cx] = (byte) (planes[1][cy * cw + cx] / 2);
                planes[2][cy * cw + cx] = (byte) (planes[2][cy * cw + cx] / 2);
            }
        }
    }

    private void drawText(byte[][] planes, String text, int x0, int y0, int scale, int[] rgb) {
        int x = x0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (x + BitmapFont.GLYPH_WIDTH * scale > width) {
                break;
            }
            for (int gy = 0; gy < BitmapFont.GLYPH_HEIGHT; gy++) {
                for (int gx = 0; gx < BitmapFont.GLYPH_WIDTH; gx++) {
                    if (BitmapFont.pixel(c, gx, gy)) {
                        int px = x + gx * scale;
                        int py = y0 + gy * scale;
                        fill(planes, px, py, px + scale, py + scale, rgb);
                    }
                }
            }
            x += BitmapFont.CELL_WIDTH * scale;
        }
    }

    /** Fills [x0,x1) x [y0,y1) clipped to the frame; chroma of the 2x2 blocks touched is set too. */
    private void fill(byte[][] planes, int x0, int y0, int x1, int y1, int[] rgb) {
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(width, x1);
        y1 = Math.min(height, y1);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        int r = rgb[0];
        int g = rgb[1];
        int b = rgb[2];
        byte yv = signed(0.299 * r + 0.587 * g + 0.114 * b);
        byte uv = signed(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
        byte vv = signed(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
        byte[] yp = planes[0];
        for (int y = y0; y < y1; y++) {
            java.util.Arrays.fill(yp, y * width + x0, y * width + x1, yv);
        }
        int cw = width / 2;
        for (int cy = y0 / 2; cy <= (y1 - 1) / 2; cy++) {
            java.util.Arrays.fill(planes[1], cy * cw + x0 / 2, cy * cw + (x1 - 1) / 2 + 1, uv);
            java.util.Arrays.fill(planes[2], cy * cw + x0 / 2, cy * cw + (x1 - 1) / 2 + 1, vv);
        }
    }

    private static byte signed(double v) {
        int i = (int) Math.round(v);
        return (byte) (Math.max(0, Math.min(255, i)) - 128);
    }

    private static int[] hsv(float h, float s, float v) {
        float r;
        float g;
        float b;
        int i = (int) Math.floor(h * 6);
        float f = h * 6 - i;
        float p = v * (1 - s);
        float q = v * (1 - f * s);
        float t = v * (1 - (1 - f) * s);
        switch (((i % 6) + 6) % 6) {
            case 0 :
                r = v;
                g = t;
                b = p;
                break;
            case 1 :
                r = q;
                g = v;
                b = p;
                break;
            case 2 :
                r = p;
                g = v;
                b = t;
                break;
            case 3 :
                r = p;
                g = q;
                b = v;
                break;
            case 4 :
                r = t;
                g = p;
                b = v;
                break;
            default :
                r = v;
                g = p;
                b = q;
                break;
        }
        return new int[]{ Math.round(r * 255), Math.round(g * 255), Math.round(b * 255) };
    }
}
