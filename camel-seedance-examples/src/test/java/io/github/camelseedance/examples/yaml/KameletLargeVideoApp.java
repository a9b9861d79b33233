package io.github.camelseedance.examples.yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Run by {@link KameletLargeVideoTest} in a JVM with a small heap: one 200 MB video through the {@code seedance-action}
 * Kamelet to a file sink in the calling route. Prints the video's UUID and how many files the component's temporary
 * folder holds once the calling exchange completed.
 */
public final class KameletLargeVideoApp {

    static final long VIDEO_BYTES = 200L * 1024 * 1024;

    private KameletLargeVideoApp() {
    }

    public static void main(String[] args) throws Exception {
        String outbox = args[0];
        try (RunwareSimulator simulator = RunwareSimulator.builder().renderTime(Duration.ofMillis(200))
                .syntheticVideos(VIDEO_BYTES).build().start();
                CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in")
                            .to("kamelet:seedance-action?apiKey=" + simulator.apiKey() + "&baseUrl="
                                + simulator.baseUrl()
                                + "&initialPollDelay=100ms&pollInterval=100ms")
                            .to("file:" + outbox + "?fileName=large.mp4");
                }
            });
            context.start();
            Exchange exchange = context.createProducerTemplate().request("direct:in",
                    e -> e.getMessage().setBody("A very long and very detailed video"));
            if (exchange.getException() != null) {
                exchange.getException().printStackTrace();
                System.exit(1);
            }
            Path temporary = Path.of(System.getProperty("java.io.tmpdir"), "camel-seedance");
            // each process downloads into a folder of its own there (p<pid>-<random>, with its .lock): count ours
            String own = "p" + ProcessHandle.current().pid() + "-";
            try (Stream<Path> files = Files.walk(temporary)) {
                System.out.println("temporary files left: " + files.filter(Files::isRegularFile)
                        .filter(file -> file.getParent().getFileName().toString().startsWith(own))
                        .filter(file -> !file.getFileName().toString().equals(".lock")).count());
            }
            System.out.println("video: " + exchange.getMessage().getHeader("CamelSeedanceVideoUUID"));
            System.out.println("max heap: " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        }
    }
}
