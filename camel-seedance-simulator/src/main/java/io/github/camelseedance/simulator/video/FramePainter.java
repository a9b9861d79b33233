package io.github.camelseedance.simulator.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;

/**
 * Paints the frames of one video into JCodec {@link Picture}s (YUV 4:2:0, full range, JCodec's signed sample
 * convention {@code sample - 128}): a background coloured after the prompt, the word-wrapped prompt in white, a
 * time label, a square moving left to right and a progress bar, so every frame differs.
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
    /** Static layer (background, header, prompt), planes Y, U, V in JCodec's signed convention. */
    private final byte[][] base;
    private final List<String> lines;

    FramePainter(String prompt, int width, int height, int fps, int durationSeconds) {
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

        float hue = ((prompt.hashCode() & 0x7fffffff) % 360) / 360f;
        int[] background = hsv(hue, 0.65f, 0.42f);
        this.accent = hsv((hue + 0.5f) % 1f, 0.8f, 1f);

        base = new byte[][] {new byte[width * height], new byte[width * height / 4], new byte[width * height / 4]};
        fill(base, 0, 0, width, height, background);

        int headerScale = 1;
        drawText(base, HEADER, margin, margin, headerScale, new int[] {200, 200, 200});

        int scale = Math.max(1, Math.min(width, height * 16 / 9) / 160);
        int lineHeight = BitmapFont.CELL_HEIGHT * scale + scale;
        int top = margin + 2 * (BitmapFont.CELL_HEIGHT + 2) + margin / 2;
        int maxChars = Math.max(1, (width - 2 * margin) / (BitmapFont.CELL_WIDTH * scale));
        int maxLines = Math.max(1, (laneTop - margin / 2 - top) / lineHeight);
        String text = prompt.isBlank() ? "(NO PROMPT)" : prompt;
        this.lines = wrap(BitmapFont.normalize(text), maxChars, maxLines);
        int y = top;
        for (String line : lines) {
            drawText(base, line, margin, y, scale, new int[] {255, 255, 255});
            y += lineHeight;
        }
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
        byte[][] planes = new byte[][] {pic.getPlaneData(0), pic.getPlaneData(1), pic.getPlaneData(2)};
        for (int i = 0; i < 3; i++) {
            System.arraycopy(base[i], 0, planes[i], 0, base[i].length);
        }
        // moving square
        int travel = Math.max(0, width - 2 * margin - laneHeight);
        int x = margin + (frames <= 1 ? 0 : (int) ((long) travel * frame / (frames - 1)));
        x &= ~1;
        fill(planes, x, laneTop, x + laneHeight, laneTop + laneHeight, accent);
        // progress bar: track and filled part
        fill(planes, margin, barTop, width - margin, barTop + barHeight, new int[] {90, 90, 90});
        int filled = (int) ((long) (width - 2 * margin) * (frame + 1) / frames);
        fill(planes, margin, barTop, margin + filled, barTop + barHeight, new int[] {255, 255, 255});
        // time label, top right
        String label = String.format(Locale.ROOT, "%d/%d %.2fS", frame + 1, frames, frame / (double) fps);
        int labelWidth = label.length() * BitmapFont.CELL_WIDTH;
        drawText(planes, label, Math.max(margin, width - margin - labelWidth), margin + BitmapFont.CELL_HEIGHT + 2, 1,
                new int[] {230, 230, 120});
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
            case 0: r = v; g = t; b = p; break;
            case 1: r = q; g = v; b = p; break;
            case 2: r = p; g = v; b = t; break;
            case 3: r = p; g = q; b = v; break;
            case 4: r = t; g = p; b = v; break;
            default: r = v; g = p; b = q; break;
        }
        return new int[] {Math.round(r * 255), Math.round(g * 255), Math.round(b * 255)};
    }
}
