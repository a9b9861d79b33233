package io.github.camelseedance.seedance;

import java.time.Duration;

import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Run by {@link LargeVideoDeliveryTest} in a JVM with a small heap: one 200 MB video from the simulator to a folder.
 * Arguments: the folder, then optionally the generate endpoint's options ({@code streamVideo=true}).
 */
public final class LargeVideoDeliveryApp {

    static final long VIDEO_BYTES = 200L * 1024 * 1024;

    private LargeVideoDeliveryApp() {
    }

    public static void main(String[] args) throws Exception {
        String outbox = args[0];
        String generate = args.length > 1 ? "seedance:generate?" + args[1] : "seedance:generate";
        try (RunwareSimulator simulator = RunwareSimulator.builder().renderTime(Duration.ofMillis(200))
                .syntheticVideos(VIDEO_BYTES).build().start();
                CamelContext context = new DefaultCamelContext()) {
            SeedanceComponent component = SimulatedSeedance.component(simulator.baseUrl(), simulator.apiKey(), 100);
            context.addComponent("seedance", component);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to(generate).to("file:" + outbox);
                }
            });
            context.start();
            Exchange exchange = context.createProducerTemplate().request("direct:in", e -> {
                e.getMessage().setBody("A very long and very detailed video");
                e.getMessage().setHeader(Exchange.FILE_NAME, "large.txt");
            });
            if (exchange.getException() != null) {
                exchange.getException().printStackTrace();
                System.exit(1);
            }
            Runtime runtime = Runtime.getRuntime();
            System.out.println("delivered; max heap " + runtime.maxMemory() / (1024 * 1024) + " MB");
        }
    }
}
