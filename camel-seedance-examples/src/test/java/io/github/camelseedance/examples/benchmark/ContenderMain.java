package io.github.camelseedance.examples.benchmark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.camelseedance.runware.BlockingDownloads;
import io.github.camelseedance.seedance.SeedanceComponent;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One contender in its own JVM: starts Camel with the contender's route against a simulator run by the driver,
 * submits N tasks at once, waits for every exchange to complete, and writes what this JVM measured (threads, heap,
 * CPU, per-task completion instants) to a result file the driver reads.
 * <p>
 * Arguments: {@code contender n baseUrl apiKey workDir resultFile}; system properties {@code bench.pollMs} (1000,
 * the fixed poll schedule, already divided by the time scale), {@code bench.naturalWaiting} (false: the component
 * polls on the fixed schedule too; true: on its default schedule, divided by {@code bench.timeScale}),
 * {@code bench.baselineThreads} (200), {@code bench.timeoutSec} (300).
 */
public final class ContenderMain {

    static final String COMPONENT_BATCHED = "component-batched";
    static final String COMPONENT_UNBATCHED = "component-unbatched";
    static final String COMPONENT_WEBHOOK = "component-webhook";
    static final String BASELINE = "baseline";
    /** Runware's official JavaScript SDK under Node: src/test/node/sdk-js, forked by the driver, not by this class. */
    static final String SDK_JS = "sdk-js";
    private static final String WEBHOOK_TOKEN = "benchmark-webhook-token";

    private ContenderMain() {
    }

    public static void main(String[] args) throws Exception {
        String contender = args[0];
        int n = Integer.parseInt(args[1]);
        String baseUrl = args[2];
        String apiKey = args[3];
        Path workDir = Path.of(args[4]);
        Path resultFile = Path.of(args[5]);
        long pollMs = Long.getLong("bench.pollMs", 1000);
        int baselineThreads = Integer.getInteger("bench.baselineThreads", 200);
        long timeoutSec = Long.getLong("bench.timeoutSec", 300);
        boolean naturalWaiting = Boolean.getBoolean("bench.naturalWaiting");
        double timeScale = Double.parseDouble(System.getProperty("bench.timeScale", "1"));

        Path outDir = Files.createDirectories(workDir.resolve("out"));
        Path tempDir = Files.createDirectories(workDir.resolve("tmp"));
        ConcurrentLinkedQueue<String> completions = new ConcurrentLinkedQueue<>();
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger bytesOk = new AtomicInteger();
        long expectedBytes = Long.getLong("bench.videoBytes", -1);
        // Runs last in each route: records the instant the exchange completed and deletes the delivered file, so the
        // disk holds at most the files in flight.
        Processor recorder = exchange -> {
            String uuid = exchange.getMessage().getHeader(uuidHeader(contender), String.class);
            Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED, String.class));
            if (expectedBytes < 0 || Files.size(file) == expectedBytes) {
                bytesOk.incrementAndGet();
            }
            String url = exchange.getMessage().getHeader("CamelSeedanceVideoURL", String.class);
            if (url == null) {
                url = exchange.getProperty("videoURL", String.class);
            }
            completions.add(uuid + ' ' + toMicros(Instant.now()) + ' ' + java.net.URI.create(url).getPath());
            delivered.incrementAndGet();
            Files.deleteIfExists(file);
        };

        CountDownLatch done = new CountDownLatch(n);
        AtomicInteger failed = new AtomicInteger();
        StringBuilder firstFailure = new StringBuilder();
        CamelContext camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(10);
        RouteBuilder routes = switch (contender) {
            case COMPONENT_BATCHED, COMPONENT_UNBATCHED, COMPONENT_WEBHOOK ->
                componentRoute(camel, contender, baseUrl, apiKey,
                        naturalWaiting ? PollSchedule.defaults(timeScale) : PollSchedule.fixed(pollMs), outDir, tempDir,
                        recorder);
            case BASELINE -> new BaselineRoute(baseUrl, apiKey, pollMs, baselineThreads, n, outDir, recorder,
                    done, failed, firstFailure);
            default -> throw new IllegalArgumentException("unknown contender " + contender);
        };
        camel.addRoutes(routes);
        if (COMPONENT_WEBHOOK.equals(contender)) {
            // the component serves its webhook when the URL is known at start: take a free port first
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            addWebhookServer(camel, port);
            camel.getComponent("seedance", SeedanceComponent.class)
                    .setWebhookPublicUrl("http://127.0.0.1:" + port + "/seedance/webhook");
        }
        camel.start();

        ResourceProbe probe = new ResourceProbe();
        probe.start();
        long startNanos = System.nanoTime();
        Instant start = Instant.now();
        if (BASELINE.equals(contender)) {
            // what a user does: put every job on the seda queue; the route's consumers take it from there
            ProducerTemplate template = camel.createProducerTemplate();
            for (int i = 0; i < n; i++) {
                template.sendBody("seda:videos", prompt(i));
            }
        } else {
            Endpoint entry = camel.getEndpoint("direct:videos");
            AsyncProducer producer = entry.createAsyncProducer();
            producer.start();
            for (int i = 0; i < n; i++) {
                Exchange exchange = entry.createExchange();
                exchange.getMessage().setBody(prompt(i));
                producer.process(exchange, doneSync -> {
                    if (exchange.isFailed()) {
                        fail(failed, firstFailure, exchange);
                    }
                    done.countDown();
                });
            }
        }
        boolean all = done.await(timeoutSec, TimeUnit.SECONDS);
        long elapsedNanos = System.nanoTime() - startNanos;
        probe.stop();

        Properties result = new Properties();
        result.setProperty("contender", contender);
        result.setProperty("n", Integer.toString(n));
        result.setProperty("completedInTime", Boolean.toString(all));
        result.setProperty("startMicros", Long.toString(toMicros(start)));
        result.setProperty("elapsedMillis", Long.toString(TimeUnit.NANOSECONDS.toMillis(elapsedNanos)));
        result.setProperty("delivered", Integer.toString(delivered.get()));
        result.setProperty("sizeOk", Integer.toString(bytesOk.get()));
        result.setProperty("failed", Integer.toString(failed.get()));
        result.setProperty("firstFailure", firstFailure.toString());
        result.setProperty("baselineThreads", Integer.toString(baselineThreads));
        result.setProperty("maxHeapMB", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        probe.results().forEach(result::setProperty);
        if (!BASELINE.equals(contender)) {
            BlockingDownloads blocking = camel.getComponent("seedance", SeedanceComponent.class).runtime()
                    .blockingDownloads();
            if (blocking != null) {
                result.setProperty("blockingReads", Long.toString(blocking.blockingReads()));
                result.setProperty("viaHttpClient", Long.toString(blocking.handedOver()));
            }
        }
        Files.createDirectories(resultFile.getParent());
        try (var out = Files.newBufferedWriter(resultFile)) {
            result.store(out, "benchmark contender result");
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(resultFile.resolveSibling(
                resultFile.getFileName() + ".tasks")))) {
            completions.forEach(out::println);
        }
        camel.stop();
        deleteTree(workDir);
        System.out.printf("%s n=%d done=%b delivered=%d failed=%d in %d ms%n", contender, n, all, delivered.get(),
                failed.get(), TimeUnit.NANOSECONDS.toMillis(elapsedNanos));
        System.exit(0);
    }

    /** The component's poll options: one fixed interval, or its defaults divided by the time scale. */
    record PollSchedule(long initialDelay, long interval, long maxInterval, double multiplier) {

        static PollSchedule fixed(long pollMs) {
            return new PollSchedule(pollMs, pollMs, pollMs, 1.0);
        }

        static PollSchedule defaults(double timeScale) {
            var defaults = new SeedanceComponent().getConfiguration();
            return new PollSchedule(Math.round(defaults.getInitialPollDelay() / timeScale),
                    Math.round(defaults.getPollInterval() / timeScale),
                    Math.round(defaults.getMaxPollInterval() / timeScale), defaults.getPollMultiplier());
        }

        String uriOptions() {
            return "initialPollDelay=" + initialDelay + "&pollInterval=" + interval + "&maxPollInterval=" + maxInterval
                   + "&pollMultiplier=" + multiplier;
        }
    }

    private static RouteBuilder componentRoute(CamelContext camel, String contender, String baseUrl, String apiKey,
                                               PollSchedule schedule, Path outDir, Path tempDir, Processor recorder) {
        SeedanceComponent seedance = camel.getComponent("seedance", SeedanceComponent.class);
        seedance.setBatchPolling(!COMPONENT_UNBATCHED.equals(contender));
        if (COMPONENT_WEBHOOK.equals(contender)) {
            // wait for the webhook only: polling would start after the grace period, longer than any run here
            seedance.setWebhookToken(WEBHOOK_TOKEN);
            seedance.setWebhookGracePeriod(TimeUnit.MINUTES.toMillis(5));
        }
        seedance.getConfiguration().setBaseUrl(baseUrl);
        seedance.getConfiguration().setApiKey(apiKey);
        seedance.getConfiguration().setTempDirectory(tempDir.toString());
        return new RouteBuilder() {
            @Override
            public void configure() {
                // what a user writes with the component: one line, with the poll schedule of the workload
                from("direct:videos").routeId("seedance")
                        .to("seedance:generate?duration=5&resolution=480p&" + schedule.uriOptions())
                        .to("file:" + outDir)
                        .process(recorder);
            }
        };
    }

    /**
     * The HTTP server the webhook is served on (platform-http on Vert.x, on 127.0.0.1 and a free port), built by
     * reflection (the benchmark drives the server itself, not through Camel Main).
     */
    private static void addWebhookServer(CamelContext camel, int port) throws Exception {
        String pkg = "org.apache.camel.component.platform.http.vertx.";
        Class<?> configType = Class.forName(pkg + "VertxPlatformHttpServerConfiguration");
        Object config = configType.getConstructor().newInstance();
        configType.getMethod("setBindHost", String.class).invoke(config, "127.0.0.1");
        configType.getMethod("setBindPort", int.class).invoke(config, port);
        Object server = Class.forName(pkg + "VertxPlatformHttpServer").getConstructor(configType).newInstance(config);
        camel.addService(server);
    }

    static String prompt(int i) {
        return "A paper boat on a river, take " + i;
    }

    private static String uuidHeader(String contender) {
        return BASELINE.equals(contender) ? BaselineRoute.TASK_UUID : "CamelSeedanceTaskUUID";
    }

    static void fail(AtomicInteger failed, StringBuilder firstFailure, Exchange exchange) {
        if (failed.incrementAndGet() == 1) {
            synchronized (firstFailure) {
                firstFailure.append(String.valueOf(exchange.getException()));
            }
        }
    }

    static long toMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
