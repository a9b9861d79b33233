package io.github.camelseedance.examples.yaml;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelseedance.simulator.video.SyntheticVideoSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code seedance-action} Kamelet hands a 200 MB video to the calling route's file sink from a JVM whose whole
 * heap is 64 MB: the video stays a file across the Kamelet's exchange copy, the sink gets every byte Runware served,
 * and the temporary file is gone once the calling exchange completed.
 */
class KameletLargeVideoTest {

    @TempDir
    Path work;

    @Test
    void twoHundredMegabyteVideoLeavesTheKameletAsAFileWithA64MegabyteHeap() throws Exception {
        Path outbox = work.resolve("outbox");
        Path temporary = Files.createDirectories(work.resolve("tmp"));
        Path log = work.resolve("app.log");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + temporary,
                "-cp", System.getProperty("java.class.path"),
                KameletLargeVideoApp.class.getName(), outbox.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("temporary files left: 0").contains("max heap: ");

        Matcher video = Pattern.compile("video: (\\S+)").matcher(output);
        assertThat(video.find()).as(output).isTrue();
        Path delivered = outbox.resolve("large.mp4");
        assertThat(delivered).hasSize(KameletLargeVideoApp.VIDEO_BYTES);
        try (InputStream served = new SyntheticVideoSource().open(video.group(1), KameletLargeVideoApp.VIDEO_BYTES);
                InputStream sink = Files.newInputStream(delivered)) {
            assertThat(sha256(sink)).isEqualTo(sha256(served));
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
