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

    private static final int WIDTH = 1500;
    private static final int HEIGHT = 1060;
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
        g.drawString("camel-seedance vs. a camel-http polling route: same simulator, same poll schedule, own JVM each",
                30, 36);
        legend(g, 30, 62);

        List<Panel> panels = List.of(
                new Panel("Makespan, all N delivered", "s", Row::makespanS, "%.1f", false),
                new Panel("Task finished -> exchange done, median", "ms, log", Row::gapMedianMs, "%.0f", true),
                new Panel("Peak threads of the route", "threads", r -> r.threadsPeakRoute(), "%.0f", false),
                new Panel("Poll requests per task", "req/task", r -> r.perTask(r.polls()), "%.2f", false),
                new Panel("Heap in flight, after a full GC", "MB", Row::heapInFlightMB, "%.0f", false),
                new Panel("CPU time per task", "ms, log", Row::cpuMsPerTask, "%.1f", true));
        int cols = 3;
        int panelW = (WIDTH - 60) / cols;
        int panelH = (HEIGHT - 100) / 2;
        for (int i = 0; i < panels.size(); i++) {
            int x = 30 + (i % cols) * panelW;
            int y = 90 + (i / cols) * panelH;
            panel(g, panels.get(i), x, y, panelW - 20, panelH - 20);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private void legend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        for (Map.Entry<String, Color> e : COLORS.entrySet()) {
            g.setColor(e.getValue());
            g.fillRect(x, y - 13, 16, 16);
            g.setColor(Color.BLACK);
            String label = switch (e.getKey()) {
                case ContenderMain.COMPONENT_BATCHED -> "(a) seedance, batched polling";
                case ContenderMain.COMPONENT_UNBATCHED -> "(b) seedance, one poll per task";
                case BenchmarkDriver.WEBHOOK -> "(c) seedance, webhook";
                case ContenderMain.BASELINE -> "(d) baseline: camel-http + Jackson loopDoWhile/delay, seda x"
                                               + baselineThreads();
                default -> "(e) Runware's @runware/sdk-js under Node";
            };
            g.drawString(label, x + 22, y);
            x += g.getFontMetrics().stringWidth(label) + 50;
        }
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
        List<String> contenders = new ArrayList<>();
        for (String c : COLORS.keySet()) {
            if (rows.stream().anyMatch(r -> r.contender().equals(c))) {
                contenders.add(c);
            }
        }
        double max = rows.stream().filter(r -> r.available() && r.completed())
                .mapToDouble(panel.value).filter(v -> !Double.isNaN(v)).max().orElse(1);
        max = max <= 0 ? 1 : max * 1.15;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(panel.title + " [" + panel.unit + "]", x, y + 16);
        int top = y + 34;
        int bottom = y + h - 28;
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
                int bh = (int) Math.round((bottom - top) * share);
                g.setColor(COLORS.get(row.contender()));
                g.fillRect(bx, bottom - bh, barW - 3, bh);
                g.setColor(Color.BLACK);
                String label = String.format(Locale.ROOT, panel.format, v);
                FontMetrics fm = g.getFontMetrics();
                int lx = bx + (barW - 3 - fm.stringWidth(label)) / 2;
                g.drawString(label, lx, bottom - bh - 3);
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            String name = workloads.get(wi);
            int tw = g.getFontMetrics().stringWidth(name);
            g.drawString(name, gx + (contenders.size() * barW - tw) / 2, bottom + 18);
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
