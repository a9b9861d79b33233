package io.github.camelseedance.seedance;

import java.time.Duration;

import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * Run by {@link KilledDownloadLeftoversTest} in its own JVM, killed while it downloads: large videos into the given
 * temporary folder, each kept there by a route that never ends.
 * <p>
 * Arguments: the temporary folder.
 */
public final class KilledDownloadApp {

    static final long VIDEO_BYTES = 256L * 1024 * 1024;

    private KilledDownloadApp() {
    }

    public static void main(String[] args) throws Exception {
        RunwareSimulator simulator = RunwareSimulator.builder().renderTime(Duration.ofMillis(100))
                .syntheticVideos(VIDEO_BYTES).build().start();
        SeedanceComponent seedance = SimulatedSeedance.component(simulator.baseUrl(), simulator.apiKey(), 50);
        seedance.getConfiguration().setTempDirectory(args[0]);
        Main main = new Main();
        main.bind("seedance", seedance);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:videos?repeatCount=3").setBody(constant("A slow pan over a glacier"))
                        .to("seedance:generate")
                        .delay(600_000);
            }
        });
        main.run();
    }
}
