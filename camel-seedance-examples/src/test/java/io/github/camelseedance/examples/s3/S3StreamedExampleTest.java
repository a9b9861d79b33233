package io.github.camelseedance.examples.s3;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.seedance.JvmWrites;
import io.github.camelseedance.seedance.SeedanceVideo;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.utils.AWS2S3Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The S3 example with {@code seedance.stream-video=true}: each video goes from the simulator to S3Proxy as it
 * downloads. The objects are whole, each video was downloaded once, aws2-s3 knows the stream's length without reading
 * it, and the JVM writes each video only to its two sockets (the simulator's answer, the upload), never to a file.
 */
class S3StreamedExampleTest {

    private static final int VIDEO_BYTES = 1_000_000;

    @TempDir
    static Path work;

    static RunningS3Example example;
    static S3Client s3;
    static RunwareSimulator simulator;

    @BeforeAll
    static void startExample() {
        example = RunningS3Example.start(work, "streamed-videos", VIDEO_BYTES, Map.of("seedance.stream-video", "true"));
        s3 = example.s3;
        simulator = example.simulator;
    }

    @AfterAll
    static void stopExample() {
        if (example != null) {
            example.close();
        }
    }

    @Test
    void videosGoToS3AsTheyDownloadWithNoFile() throws Exception {
        assumeThat(JvmWrites.COUNTERS).as("Linux I/O counters").isReadable();
        List<String> names = List.of("lighthouse", "fox", "cafe");
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        int downloads = simulator.requests().mediaDownloads();
        long before = JvmWrites.total();
        for (String name : names) {
            Path tmp = Files.writeString(work.resolve(name + ".tmp"), "A " + name + " at dawn");
            Files.move(tmp, inbox.resolve(name + ".txt"));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(objects()).extracting(S3Object::key)
                .containsExactlyInAnyOrder("videos/lighthouse.mp4", "videos/fox.mp4", "videos/cafe.mp4"));
        double perVideo = (double) (JvmWrites.total() - before) / names.size();

        for (String name : names) {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket("streamed-videos").key("videos/" + name + ".mp4"))
                    .asByteArray();
            assertThat(bytes).hasSize(VIDEO_BYTES);
            assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        }
        assertThat(simulator.requests().mediaDownloads() - downloads).as("each video downloaded once")
                .isEqualTo(names.size());
        System.out.printf("Bytes written by the JVM per %d-byte video streamed to S3: %.0f (%.2f x the video; "
                          + "the simulator's socket and the upload's are 2 x)%n",
                VIDEO_BYTES, perVideo, perVideo / VIDEO_BYTES);
        assertThat(perVideo).as("the two sockets, and no temporary file (which would make it 3 x)")
                .isLessThan(2.5 * VIDEO_BYTES);
    }

    @Test
    void aws2S3KnowsTheStreamsLengthWithoutReadingIt() throws Exception {
        ProducerTemplate template = example.main.getCamelContext().createProducerTemplate();
        Exchange done = template.request("seedance:generate?streamVideo=true",
                exchange -> exchange.getMessage().setBody("A streamed video"));
        assertThat(done.getException()).isNull();
        SeedanceVideo video = done.getMessage().getBody(SeedanceVideo.class);
        assertThat(video.isStreamed()).isTrue();
        try (InputStream in = done.getMessage().getBody(InputStream.class)) {
            // what the aws2-s3 producer asks of a stream body with no CamelAwsS3ContentLength header
            assertThat(AWS2S3Utils.determineLengthInputStream(in)).isEqualTo(VIDEO_BYTES);
            assertThat(in.readAllBytes()).as("and the stream is still whole").hasSize(VIDEO_BYTES);
        }
        template.stop();
    }

    private static List<S3Object> objects() {
        return example.objects();
    }
}
