package io.github.camelseedance.seedance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
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
 * {@code streamVideo=true}: each video goes from Runware to the sink with no file. The body's stream is a
 * {@link StreamCache} of the video's length; reading it again (a redelivery, a second branch) downloads the video
 * again; nothing is written to local disk; an unread download is closed when the exchange completes, one taken by
 * another exchange (a wire tap) when that one does; a task's videos open whatever the free download slots.
 */
class SeedanceStreamVideoTest extends CamelTestSupport {

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

    private final AtomicInteger attempts = new AtomicInteger();
    private final CountDownLatch tapStarted = new CountDownLatch(1);
    private final CountDownLatch originalDone = new CountDownLatch(1);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("seedance", SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100));
        SeedanceComponent oneSlot = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        oneSlot.setAdaptiveDownloads(false);
        oneSlot.setMaxConcurrentDownloads(1);
        context.addComponent("seedanceOneSlot", oneSlot);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                String stream = "seedance:generate?streamVideo=true&tempDirectory=" + temp.toAbsolutePath();
                from("direct:toFile").to(stream)
                        .process(exchange -> {
                            SeedanceVideo video = exchange.getMessage().getBody(SeedanceVideo.class);
                            exchange.setProperty("streamed", video.isStreamed());
                            exchange.setProperty("path", video.getPath());
                        })
                        .to("file:" + outbox.resolve("stream"))
                        .to("mock:toFile");
                from("direct:branches").to(stream)
                        .multicast().to("direct:branchA", "direct:branchB").end()
                        .to("mock:branches");
                from("direct:branchA").process(exchange -> read(exchange, "a"));
                from("direct:branchB").process(exchange -> read(exchange, "b"));
                from("direct:redelivered")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0))
                        .to(stream)
                        .process(exchange -> {
                            try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
                                if (attempts.incrementAndGet() == 1) {
                                    in.readNBytes(SIZE / 2);
                                    throw new IOException("The sink failed halfway");
                                }
                                exchange.setProperty("bytes", in.readAllBytes());
                            }
                        })
                        .to("mock:redelivered");
                from("direct:expired").to(stream)
                        .process(exchange -> {
                            InputStream in = exchange.getMessage().getBody(InputStream.class);
                            in.readNBytes(SIZE / 2);
                            SIMULATOR.simulator().expireMedia(exchange.getMessage()
                                    .getHeader(SeedanceConstants.VIDEO_UUID, String.class));
                            ((StreamCache) in).reset();
                            in.readAllBytes();
                        });
                from("direct:unread").to(stream).to("mock:unread");
                from("direct:twoVideosOneSlot")
                        .to("seedanceOneSlot:generate?streamVideo=true&numberResults=2&tempDirectory="
                            + temp.toAbsolutePath())
                        .split(body()).process(exchange -> read(exchange, "bytes")).to("mock:twoVideos");
                from("direct:tapped").to(stream).wireTap("direct:tap")
                        .process(exchange -> tapStarted.await(10, TimeUnit.SECONDS));
                from("direct:tap").process(exchange -> {
                    try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
                        byte[] first = in.readNBytes(1024);
                        tapStarted.countDown();
                        originalDone.await(10, TimeUnit.SECONDS);
                        byte[] rest = in.readAllBytes();
                        exchange.getMessage().setBody(first.length + rest.length);
                        exchange.getMessage().setHeader("restIsTheVideosRest",
                                rest.length == 0 || !new String(rest, 4, 4, StandardCharsets.US_ASCII).equals("ftyp"));
                    }
                }).to("mock:tap");
                from("direct:readAll").to(stream).process(exchange -> read(exchange, "bytes"));
                from("direct:readAllFromFile").to("seedance:generate?tempDirectory=" + temp.toAbsolutePath())
                        .process(exchange -> read(exchange, "bytes"));
            }
        };
    }

    private static void read(Exchange exchange, String property) throws IOException {
        try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
            exchange.setProperty(property, in.readAllBytes());
        }
    }

    @Test
    void aStreamedVideoIsAStreamCacheOfItsLengthThatAFileSinkWrites() throws Exception {
        MockEndpoint result = getMockEndpoint("mock:toFile");
        result.expectedMessageCount(1);

        Exchange done = template.send("direct:toFile", exchange -> exchange.getMessage().setBody("A streamed video"));

        result.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        Exchange seen = result.getReceivedExchanges().get(0);
        assertThat(seen.getProperty("streamed", Boolean.class)).isTrue();
        assertThat(seen.getProperty("path")).as("no temporary file").isNull();
        assertThat(seen.getMessage().getHeader(Exchange.CONTENT_LENGTH, Long.class)).isEqualTo(SIZE);
        SeedanceVideo video = seen.getMessage().getBody(SeedanceVideo.class);
        assertThat(video.getSize()).isEqualTo(SIZE);
        try (InputStream again = seen.getContext().getTypeConverter().convertTo(InputStream.class, seen, video)) {
            assertThat(again).isInstanceOf(StreamCache.class);
            assertThat(((StreamCache) again).length()).as("the length an S3 upload needs, with no buffering")
                    .isEqualTo(SIZE);
            assertThat(((StreamCache) again).inMemory()).isFalse();
        }
        Path stored = outbox.resolve("stream").resolve(seen.getMessage().getHeader(Exchange.FILE_NAME, String.class));
        byte[] bytes = Files.readAllBytes(stored);
        assertThat(bytes).hasSize(SIZE);
        assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(1);
    }

    @Test
    void theHeaderStreamsOneMessagesVideo() throws Exception {
        Exchange done = template.request("seedance:generate?tempDirectory=" + temp.toAbsolutePath(), exchange -> {
            exchange.getMessage().setBody("Streamed by header");
            exchange.getMessage().setHeader(SeedanceConstants.STREAM_VIDEO, "true");
        });

        assertThat(done.getException()).isNull();
        SeedanceVideo video = done.getMessage().getBody(SeedanceVideo.class);
        assertThat(video.isStreamed()).isTrue();
        assertThat(video.getPath()).isNull();
        try (InputStream in = done.getMessage().getBody(InputStream.class)) {
            assertThat(in.readAllBytes()).hasSize(SIZE);
        }
    }

    @Test
    void eachBranchReadsTheWholeVideoFromADownloadOfItsOwn() throws Exception {
        MockEndpoint result = getMockEndpoint("mock:branches");
        result.expectedMessageCount(1);

        template.sendBody("direct:branches", "Two readers");

        result.assertIsSatisfied();
        assertThat(SIMULATOR.requests().mediaDownloads()).as("the first branch reads the download opened at delivery, "
                                                             + "the second one of its own")
                .isEqualTo(2);
    }

    @Test
    void aRedeliveryReadsTheVideoAgainFromTheStart() throws Exception {
        MockEndpoint result = getMockEndpoint("mock:redelivered");
        result.expectedMessageCount(1);

        Exchange done = template.send("direct:redelivered", exchange -> exchange.getMessage().setBody("Retried"));

        result.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        assertThat(attempts).hasValue(2);
        byte[] bytes = result.getReceivedExchanges().get(0).getProperty("bytes", byte[].class);
        assertThat(bytes).hasSize(SIZE);
        assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(SIMULATOR.requests().mediaDownloads()).as("the first download, cut halfway, then one whole")
                .isEqualTo(2);
        assertThat(SIMULATOR.requests().billedTasks()).as("the task itself is not sent again").isEqualTo(1);
    }

    @Test
    void readingAgainAfterTheUrlExpiredFailsNamingTheVideo() {
        Exchange done = template.send("direct:expired", exchange -> exchange.getMessage().setBody("Too late"));

        assertThat(done.getException()).isInstanceOf(IOException.class)
                .hasMessageContaining(done.getMessage().getHeader(SeedanceConstants.VIDEO_UUID, String.class))
                .hasMessageContaining(done.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class))
                .hasMessageContaining("again");
    }

    @Test
    void anUnreadDownloadIsClosedWhenTheExchangeCompletes() throws Exception {
        MockEndpoint result = getMockEndpoint("mock:unread");
        result.expectedMessageCount(1);

        template.sendBody("direct:unread", "Never read");

        result.assertIsSatisfied();
        Exchange completed = result.getReceivedExchanges().get(0);
        assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(1);
        try (InputStream later = completed.getMessage().getBody(InputStream.class)) {
            assertThat(later.readAllBytes()).hasSize(SIZE);
        }
        assertThat(SIMULATOR.requests().mediaDownloads())
                .as("the download opened at delivery was closed with its exchange: a later read downloads again")
                .isEqualTo(2);
    }

    @Test
    void aTaskWithMoreVideosThanDownloadSlotsIsDelivered() throws Exception {
        MockEndpoint result = getMockEndpoint("mock:twoVideos");
        result.expectedMessageCount(2);

        Exchange done = template.send("direct:twoVideosOneSlot", exchange -> exchange.getMessage().setBody("Two"));

        result.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        assertThat(result.getReceivedExchanges()).allSatisfy(video -> assertThat(video.getProperty("bytes",
                byte[].class)).hasSize(SIZE));
        assertThat(SIMULATOR.requests().mediaDownloads()).as("each video opened once").isEqualTo(2);
    }

    @Test
    void aWireTapReadingAfterTheOriginalCompletedGetsTheWholeVideoOnce() throws Exception {
        MockEndpoint tap = getMockEndpoint("mock:tap");
        tap.expectedMessageCount(1);

        Exchange done = template.send("direct:tapped", exchange -> exchange.getMessage().setBody("Tapped"));
        originalDone.countDown();

        assertThat(done.getException()).isNull();
        tap.assertIsSatisfied();
        Message read = tap.getReceivedExchanges().get(0).getMessage();
        assertThat(read.getBody(Integer.class)).as("bytes the tap read").isEqualTo(SIZE);
        assertThat(read.getHeader("restIsTheVideosRest", Boolean.class)).isTrue();
        assertThat(SIMULATOR.requests().mediaDownloads()).as("the tap read the download opened at delivery")
                .isEqualTo(1);
    }

    @Test
    void noByteOfAStreamedVideoIsWrittenToDisk() throws Exception {
        assumeThat(JvmWrites.COUNTERS).as("Linux I/O counters").isReadable();
        int videos = 10;
        template.sendBody("direct:readAll", "Warm up");
        template.sendBody("direct:readAllFromFile", "Warm up");

        double streamed = writtenPerVideo("direct:readAll", videos);
        double throughFile = writtenPerVideo("direct:readAllFromFile", videos);

        System.out.printf("Bytes written per %d-byte video read by a stream sink (write calls of the JVM less the "
                          + "simulator's socket): streamVideo=true %.0f (%.2f x the video), a temporary file %.0f "
                          + "(%.2f x)%n",
                SIZE, streamed, streamed / SIZE, throughFile, throughFile / SIZE);
        assertThat(streamed).as("bytes written per streamed video").isLessThan(0.05 * SIZE);
        assertThat(throughFile).as("bytes written per video through its temporary file").isGreaterThan(0.9 * SIZE);
    }

    private double writtenPerVideo(String route, int videos) throws IOException {
        long before = JvmWrites.total();
        for (int i = 0; i < videos; i++) {
            Exchange done = template.send(route, exchange -> exchange.getMessage().setBody("Scene"));
            assertThat(done.getException()).isNull();
            assertThat(done.getProperty("bytes", byte[].class)).hasSize(SIZE);
        }
        // the simulator, in this JVM, writes each video once to its socket; the rest is the component's
        return (JvmWrites.total() - before - (double) videos * SIZE) / videos;
    }
}
