package io.github.camelseedance.seedance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelseedance.seedance.monitor.SeedanceReport;
import io.github.camelseedance.seedance.runtime.SeedanceRuntime;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code blockingDownloads} (the default) every video reaches its file sink whole, read by blocking reads on the
 * SeedanceDownload threads (at most 3 at once) or handed to the HTTP client while the CPUs have room
 * ({@code DownloadHttpClientsTest} shows both ways against a slow server), one GET and one billed task each, the report
 * counting every attempt one way or the other; and the component makes one download HTTP client (for the streams and
 * the handed-over downloads) instead of two, so that the JDK's keep-alive thread of the blocking downloads' connections
 * takes the place of the second client's selector thread.
 */
class SeedanceBlockingDownloadsTest extends CamelTestSupport {

    private static final int SIZE = 1_000_003;
    private static final int VIDEOS = 12;

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(200))
            .syntheticVideos(SIZE)
            .build();

    @TempDir
    static Path outbox;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SeedanceComponent seedance = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        context.addComponent("seedance", seedance);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate").to("file:" + outbox.toAbsolutePath());
            }
        };
    }

    @Test
    void everyVideoReachesItsSinkWholeThroughTheDownloadThreads() throws Exception {
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < VIDEOS; i++) {
            String prompt = "A kite over a beach, take " + i;
            sent.add(template.asyncSend("direct:generate", e -> e.getMessage().setBody(prompt)));
        }
        Set<String> names = new HashSet<>();
        for (CompletableFuture<Exchange> each : sent) {
            Exchange done = each.get(60, TimeUnit.SECONDS);
            assertThat(done.getException()).isNull();
            Path file = outbox.resolve(done.getMessage().getHeader(Exchange.FILE_NAME, String.class));
            assertThat(Files.size(file)).isEqualTo(SIZE);
            names.add(file.getFileName().toString());
        }

        assertThat(names).hasSize(VIDEOS);
        assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(VIDEOS);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(VIDEOS);
        SeedanceComponent seedance = context.getComponent("seedance", SeedanceComponent.class);
        assertThat(seedance.isBlockingDownloads()).as("the default").isTrue();
        assertThat(SeedanceRuntime.downloadClients(seedance)).isEqualTo(1);
        assertThat(SeedanceRuntime.blockingDownloadThreads(seedance)).isEqualTo(3);
        JsonObject slots = (JsonObject) SeedanceReport.json("seedance", seedance).get("downloadSlots");
        assertThat(
                ((Number) slots.get("blockingReads")).longValue() + ((Number) slots.get("viaHttpClient")).longValue())
                .as("every attempt counted one way or the other").isEqualTo(VIDEOS);
        assertThat(((Number) slots.get("blockingReads")).longValue()).isPositive();
        assertThat(seedance.runtime().monitor().downloadedBytes()).isEqualTo((long) SIZE * VIDEOS);
    }
}
