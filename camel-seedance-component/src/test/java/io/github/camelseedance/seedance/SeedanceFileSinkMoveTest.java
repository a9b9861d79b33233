package io.github.camelseedance.seedance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A file sink takes the downloaded video over by a rename: the video is written to disk once (by the download), the
 * sink's file is the temporary file's inode, and every step after the sink (a second sink, a processor reading the
 * body) still gets the video.
 */
class SeedanceFileSinkMoveTest extends CamelTestSupport {

    private static final int SIZE = 1_000_000;

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(200))
            .syntheticVideos(SIZE)
            .build();

    @TempDir
    static Path temp;
    @TempDir
    static Path outbox;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("seedance", SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100));
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                String generate = "seedance:generate?tempDirectory=" + temp.toAbsolutePath();
                from("direct:twoSinks").to(generate)
                        .process(exchange -> {
                            Path file = exchange.getMessage().getBody(SeedanceVideo.class).getPath();
                            exchange.setProperty("tempFile", file);
                            exchange.setProperty("tempInode", inode(file));
                        })
                        .to("file:" + outbox.resolve("first"))
                        .process(exchange -> exchange.setProperty("workPathAfterSink",
                                exchange.getMessage().getHeader(SeedanceConstants.FILE_LOCAL_WORK_PATH)))
                        .to("file:" + outbox.resolve("second"))
                        .process(exchange -> {
                            exchange.setProperty("bytes", exchange.getMessage().getBody(byte[].class));
                            try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
                                exchange.setProperty("streamed", in.readAllBytes());
                            }
                        })
                        .to("mock:twoSinks");
                from("direct:oneSink").to(generate).to("file:" + outbox.resolve("one"));
                from("direct:fromFtp").to(generate).to("file:" + outbox.resolve("ftp"));
            }
        };
    }

    @Test
    void aFileSinkReceivesTheMovedFileAndLaterStepsStillReadTheVideo() throws Exception {
        MockEndpoint result = getMockEndpoint("mock:twoSinks");
        result.expectedMessageCount(1);

        Exchange done = template.send("direct:twoSinks", exchange -> exchange.getMessage().setBody("A moved video"));

        result.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        Exchange seen = result.getReceivedExchanges().get(0);
        String name = seen.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Path first = outbox.resolve("first").resolve(name);
        Path second = outbox.resolve("second").resolve(name);
        assertThat(inode(first)).as("the first sink's file is the downloaded file itself, not a copy")
                .isEqualTo(seen.getProperty("tempInode"));
        assertThat(seen.getProperty("workPathAfterSink")).as("the sink took the local work file over").isNull();
        byte[] video = Files.readAllBytes(first);
        assertThat(video).hasSize(SIZE);
        assertThat(Files.readAllBytes(second)).as("a second sink after the move").isEqualTo(video);
        assertThat(seen.getProperty("bytes", byte[].class)).isEqualTo(video);
        assertThat(seen.getProperty("streamed", byte[].class)).isEqualTo(video);

        Path tempFile = seen.getProperty("tempFile", Path.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> temporaryFiles().isEmpty());
        assertThat(tempFile).doesNotExist();
        assertThat(Files.readAllBytes(first)).as("the cleanup left the moved file alone").isEqualTo(video);
        assertThat(Files.getAttribute(first, "unix:nlink")).as("one name left: the sink's").isEqualTo(1);
    }

    @Test
    void eachVideoIsWrittenToDiskOnce() throws Exception {
        assumeThat(JvmWrites.COUNTERS).as("Linux I/O counters").isReadable();
        int videos = 10;
        template.sendBody("direct:oneSink", "Warm up");
        long before = JvmWrites.total();

        for (int i = 0; i < videos; i++) {
            template.sendBody("direct:oneSink", "Scene " + i);
        }

        long written = JvmWrites.total() - before;
        // the simulator, in this JVM, writes each video once to its socket; the rest is the component's and the sink's
        double perVideo = (written - (double) videos * SIZE) / videos;
        System.out.printf("Bytes written per %d-byte video to disk (write calls of the JVM less the simulator's "
                          + "socket): %.0f (%.2f x the video)%n",
                SIZE, perVideo, perVideo / SIZE);
        assertThat(perVideo).as("bytes written per video, a temporary file and a sink's copy would be 2x")
                .isLessThan(1.5 * SIZE);
        try (Stream<Path> files = Files.list(outbox.resolve("one"))) {
            assertThat(files.toList()).hasSize(videos + 1).allSatisfy(file -> assertThat(file).hasSize(SIZE));
        }
    }

    @Test
    void anIncomingLocalWorkFileIsNotWhatTheSinkWrites() throws Exception {
        Path ftpWork = Files.createDirectories(temp.resolve("ftp-work"));
        Path prompt = Files.writeString(ftpWork.resolve("lighthouse.txt.inprogress"), "A lighthouse at dawn");

        Exchange done = template.send("direct:fromFtp", exchange -> {
            // what an FTP consumer with localWorkDirectory gives: the prompt, and its local copy in this header
            exchange.getMessage().setBody(Files.readString(prompt));
            exchange.getMessage().setHeader(Exchange.FILE_LOCAL_WORK_PATH, prompt.toString());
        });

        assertThat(done.getException()).isNull();
        String name = done.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        assertThat(outbox.resolve("ftp").resolve(name)).as("the video, not the prompt's local copy").hasSize(SIZE);
        assertThat(prompt).as("deleted when the exchange completed, as its consumer would have").doesNotExist();
    }

    private static Object inode(Path file) throws IOException {
        return Files.getAttribute(file, "unix:ino");
    }

    /** The component's temporary video files (in this process's folder, beside its lock file). */
    private static List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(temp)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().equals(".lock"))
                    .filter(file -> !file.getParent().getFileName().toString().equals("ftp-work")).toList();
        }
    }
}
