package io.github.camelseedance.seedance;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 200 MB video reaches a file sink from a JVM whose whole heap is 64 MB, through its temporary file or (streamVideo)
 * straight from its download: the video is streamed, never held in memory.
 */
class LargeVideoDeliveryTest {

    @TempDir
    Path outbox;

    @RegisterExtension
    final ChildJvms jvms = new ChildJvms();

    @Test
    void twoHundredMegabyteVideoIsDeliveredWithA64MegabyteHeap() throws Exception {
        assertDelivered(List.of(outbox.toString()));
    }

    @Test
    void aStreamedTwoHundredMegabyteVideoIsDeliveredWithA64MegabyteHeap() throws Exception {
        assertDelivered(List.of(outbox.toString(), "streamVideo=true"));
    }

    private void assertDelivered(List<String> arguments) throws Exception {
        Path log = outbox.resolve("app.log");
        Process process = jvms.start(LargeVideoDeliveryApp.class, "64m", log, arguments);

        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        File video = outbox.resolve("large.mp4").toFile();
        assertThat(video).hasSize(LargeVideoDeliveryApp.VIDEO_BYTES);
    }
}
