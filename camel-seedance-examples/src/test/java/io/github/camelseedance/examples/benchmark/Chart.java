package io.github.camelseedance.examples.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

import io.github.camelseedance.examples.benchmark.BenchmarkDriver.Row;

/** Draws docs/benchmarks.png: one panel per figure, bars grouped by workload, one colour per contender. */
final class Chart {

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 1960;
    private static final int COLUMNS = 2;
    private static final int MARGIN = 30;
    private static final Map<String, Color> COLORS = new LinkedHashMap<>();

    static {
        COLORS.put(ContenderMain.COMPONENT_BATCHED, new Color(0x1f77b4));
        COLORS.put(ContenderMain.COMPONENT_UNBATCHED, new Color(0x7fb8e0));
        COLORS.put(BenchmarkDriver.WEBHOOK, new Color(0x2ca02c));
        COLORS.put(ContenderMain.BASELINE, new Color(0xd62728));
        COLORS.put(ContenderMain.SDK_JS, new Color(0xff7f0e));
    }

    private record Panel(String title, String unit, ToDoubleFunction<Row> value, String format, boolean log) {
    }

    private final List<Row> rows;

    Chart(List<Row> rows) {
        this.rows = rows;
    }

    void write(Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString("camel-seedance vs. a camel-http polling route and Runware's official SDK: same simulator, "
                     + "own process each",
                MARGIN, 36);
        int y = legend(g, MARGIN, 66);
        rows.stream().filter(r -> r.workload().realistic()).findFirst().ifPresent(r -> {
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 15));
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%s: renders %d s +- %d s run %s times faster than real time; "
                                                    + "its times are shown as measured (x %s for simulated time)",
                    r.workload().name(), r.workload().renderMs() / 1000, r.workload().spreadMs() / 1000,
                    Report.number(r.workload().timeScale()), Report.number(r.workload().timeScale())), MARGIN, y);
        });
        int panelsTop = y + 20;

        List<Panel> panels = List.of(
                new Panel("Makespan, all N delivered", "s", Row::makespanS, "%.1f", false),
                new Panel("Task finished -> video at the sink, median", "ms, log", Row::gapMedianMs, "%.0f", true),
                new Panel("Task finished -> video at the sink, p99", "ms, log", Row::gapP99Ms, "%.0f", true),
                new Panel("HTTP requests per task, all kinds", "req/task, log", Report::requests, "%.1f", true),
                new Panel("CPU time per task", "ms, log", Row::cpuMsPerTask, "%.1f", true),
                new Panel("Peak threads of the process", "threads, log", r -> r.threadsPeakJvm(), "%.0f", true),
                new Panel("Heap in flight, after a full GC", "MB", Row::heapInFlightMB, "%.0f", false),
                new Panel("Peak resident memory of the process", "MB", Row::rssPeakMB, "%.0f", false));
        int rowsOfPanels = (panels.size() + COLUMNS - 1) / COLUMNS;
        int panelW = (WIDTH - 2 * MARGIN) / COLUMNS;
        int panelH = (HEIGHT - panelsTop - 10) / rowsOfPanels;
        for (int i = 0; i < panels.size(); i++) {
            int x = MARGIN + (i % COLUMNS) * panelW;
            int py = panelsTop + (i / COLUMNS) * panelH;
            panel(g, panels.get(i), x, py, panelW - 30, panelH - 20);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** The contenders of this run, wrapped to the width; returns the baseline of the line below the legend. */
    private int legend(Graphics2D g, int x0, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        int x = x0;
        for (String contender : contenders()) {
            String label = switch (contender) {
                case ContenderMain.COMPONENT_BATCHED -> "(a) seedance, batched polling";
                case ContenderMain.COMPONENT_UNBATCHED -> "(b) seedance, one poll per task";
                case BenchmarkDriver.WEBHOOK -> "(c) seedance, webhook";
                case ContenderMain.BASELINE -> "(d) baseline: camel-http + Jackson loopDoWhile/delay, seda x"
                                               + baselineThreads();
                default -> "(e) Runware's official SDK, @runware/sdk-js under Node";
            };
            int w = 22 + g.getFontMetrics().stringWidth(label);
            if (x > x0 && x + w > WIDTH - MARGIN) {
                x = x0;
                y += 26;
            }
            g.setColor(COLORS.get(contender));
            g.fillRect(x, y - 13, 16, 16);
            g.setColor(Color.BLACK);
            g.drawString(label, x + 22, y);
            x += w + 40;
        }
        return y + 30;
    }

    private List<String> contenders() {
        List<String> contenders = new ArrayList<>();
        for (String c : COLORS.keySet()) {
            if (rows.stream().anyMatch(r -> r.contender().equals(c))) {
                contenders.add(c);
            }
        }
        return contenders;
    }

    private int baselineThreads() {
        return rows.stream().filter(r -> r.contender().equals(ContenderMain.BASELINE)).mapToInt(Row::baselineThreads)
                .findFirst().orElse(0);
    }

    private void panel(Graphics2D g, Panel panel, int x, int y, int w, int h) {
        List<String> workloads = new ArrayList<>();
        for (Row r : rows) {
            if (!workloads.contains(r.workload().name())) {
                workloads.add(r.workload().name());
            }
        }
        List<String> contenders = contenders();
        double max = rows.stream().filter(r -> r.available() && r.completed())
                .mapToDouble(panel.value).filter(v -> !Double.isNaN(v)).max().orElse(1);
        max = max <= 0 ? 1 : max * 1.05;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(panel.title + " [" + panel.unit + "]", x, y + 16);
        int top = y + 30;
        int bottom = y + h - 36;
        int left = x + 10;
        int right = x + w;
        g.setColor(new Color(0xdddddd));
        g.setStroke(new BasicStroke(1));
        for (int k = 1; k <= 4; k++) {
            int gy = bottom - (bottom - top) * k / 4;
            g.drawLine(left, gy, right, gy);
        }
        g.setColor(Color.GRAY);
        g.drawLine(left, bottom, right, bottom);

        int groupW = (right - left) / Math.max(1, workloads.size());
        int barW = Math.max(6, (groupW - 16) / Math.max(1, contenders.size()));
        Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        for (int wi = 0; wi < workloads.size(); wi++) {
            int gx = left + wi * groupW + 8;
            for (int ci = 0; ci < contenders.size(); ci++) {
                Row row = find(workloads.get(wi), contenders.get(ci));
                int bx = gx + ci * barW;
                g.setFont(valueFont);
                if (row == null) {
                    continue;
                }
                if (!row.available()) {
                    g.setColor(Color.GRAY);
                    vertical(g, "n/a", bx + barW / 2 + 4, bottom - 4);
                    continue;
                }
                if (!row.completed() || row.failed() > 0) {
                    g.setColor(Color.RED);
                    vertical(g, "failed", bx + barW / 2 + 4, bottom - 4);
                    continue;
                }
                double v = panel.value.applyAsDouble(row);
                double share = panel.log
                        ? Math.log10(Math.max(1, v)) / Math.log10(Math.max(10, max))
                        : Math.max(0, v) / max;
                int bh = Math.max(1, (int) Math.round((bottom - top) * share));
                g.setColor(COLORS.get(row.contender()));
                g.fillRect(bx, bottom - bh, barW - 3, bh);
                value(g, String.format(Locale.ROOT, panel.format, v), bx, barW - 3, bottom - bh, top, bottom,
                        COLORS.get(row.contender()));
            }
            workloadLabel(g, workloads.get(wi), gx, contenders.size() * barW, bottom);
        }
    }

    /**
     * A bar's value: above the bar, horizontal when it fits the bar's width, else turned upright; inside the bar (in
     * white, black on a light bar) when there is no room above it. Never wider than its bar, so labels of neighbouring bars cannot overlap.
     */
    private static void value(Graphics2D g, String label, int bx, int bw, int barTop, int top, int bottom,
                              Color bar) {
        FontMetrics fm = g.getFontMetrics();
        int length = fm.stringWidth(label);
        boolean upright = length > bw;
        int needed = (upright ? length : fm.getAscent()) + 4;
        boolean inside = barTop - needed < top && bottom - barTop >= needed;
        boolean light = (0.299 * bar.getRed() + 0.587 * bar.getGreen() + 0.114 * bar.getBlue()) / 255 > 0.65;
        g.setColor(inside && !light ? Color.WHITE : Color.BLACK);
        if (!upright) {
            int base = inside ? barTop + fm.getAscent() + 2 : barTop - 3;
            g.drawString(label, bx + (bw - length) / 2, base);
        } else {
            int cx = bx + (bw + fm.getAscent()) / 2 - 2;
            vertical(g, label, cx, inside ? barTop + length + 3 : barTop - 3);
        }
    }

    /** The workload's name under its bars, on two lines when one is wider than the group. */
    private static void workloadLabel(Graphics2D g, String name, int gx, int width, int bottom) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        List<String> lines = new ArrayList<>(List.of(name));
        if (fm.stringWidth(name) > width && name.indexOf(' ', name.length() / 2) > 0) {
            int cut = name.indexOf(' ', name.length() / 2);
            lines = List.of(name.substring(0, cut), name.substring(cut + 1));
        }
        for (int i = 0; i < lines.size(); i++) {
            int tw = fm.stringWidth(lines.get(i));
            g.drawString(lines.get(i), gx + (width - tw) / 2, bottom + 17 + i * 15);
        }
    }

    private static void vertical(Graphics2D g, String text, int x, int y) {
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2, x, y);
        r.drawString(text, x, y);
        r.dispose();
    }

    private Row find(String workload, String contender) {
        for (Row r : rows) {
            if (r.workload().name().equals(workload) && r.contender().equals(contender)) {
                return r;
            }
        }
        return null;
    }
}
