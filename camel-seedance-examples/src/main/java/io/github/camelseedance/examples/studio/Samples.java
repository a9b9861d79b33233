package io.github.camelseedance.examples.studio;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * The sample inputs dropped into the inbox on first start: a text prompt, a JSON request with options, and an image
 * with a prompt of the same name (image-to-video).
 */
final class Samples {

    /** What {@link #drop(Path)} writes, for the user. */
    static final List<String> DESCRIPTION = List.of(
            "lighthouse.txt (a prompt)",
            "paper-boat.json (a request with options)",
            "sunrise.png + sunrise.txt (image-to-video: the image is the first frame)");

    private Samples() {
    }

    /** Writes the samples (the image before its prompt, so they are paired); returns the number of prompts. */
    static int drop(Path inbox) throws IOException {
        Files.createDirectories(inbox);
        write(inbox.resolve("lighthouse.txt"),
                "A lighthouse at dawn on a rocky coast, waves crashing, seagulls circling, slow aerial push-in\n");
        write(inbox.resolve("paper-boat.json"), """
                {
                  "positivePrompt": "A paper boat drifting down a rainy street gutter, macro shot, reflections",
                  "duration": 4,
                  "aspectRatio": "1:1",
                  "audio": false
                }
                """);
        ImageIO.write(sunrise(), "png", inbox.resolve("sunrise.png").toFile());
        write(inbox.resolve("sunrise.txt"), "The sun rises over the hills and the sky turns gold\n");
        return 3;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A 640x360 picture of a sun over hills, drawn in memory. */
    static BufferedImage sunrise() {
        BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(40, 40, 110), 0, 360, new Color(250, 150, 60)));
            g.fillRect(0, 0, 640, 360);
            g.setColor(new Color(255, 220, 90));
            g.fillOval(260, 200, 120, 120);
            g.setColor(new Color(40, 90, 50));
            g.fillOval(-100, 260, 500, 250);
            g.fillOval(250, 280, 520, 220);
        } finally {
            g.dispose();
        }
        return image;
    }
}
