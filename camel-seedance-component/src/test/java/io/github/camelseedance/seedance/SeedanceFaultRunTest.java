package io.github.camelseedance.seedance;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.simulator.RecordedRequest;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import io.github.camelseedance.simulator.WebhookCall;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault run of docs/reliability.md ("Tested under attack"): exchanges under heavy faults, half of them polling
 * and half waiting for webhooks, every one with an idempotency key. About half of all API requests are refused (429,
 * 500, 503 or a reset connection, not processed), 5% of all answers (API and video downloads) are lost after the
 * server processed the request, a quarter of the webhooks are lost and a quarter doubled. Every video must be
 * delivered once, no task billed twice, no exchange left hanging. It prints its figures (and writes them to
 * target/fault-run.txt). 120 exchanges in the build; {@code -Pfault-run} runs the 1,300 of the documented figures.
 */
class SeedanceFaultRunTest {

    private static final int EXCHANGES = Integer.getInteger("faultRun.exchanges", 120);
    /** The answers of a refused request: not processed. A not-found answer (400) to a lookup is no refusal. */
    private static final Set<Integer> REFUSED = Set.of(429, 500, 503, -1);
    private static final int VIDEO_BYTES = 2048;
    private static final double LOST_ANSWERS = 0.05;
    private static final Duration BOUND = Duration.ofMinutes(10);
    private static final Pattern TASK_UUID = Pattern.compile("\"taskUUID\"\\s*:\\s*\"([^\"]+)\"");

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(600))
            .renderSpread(Duration.ofMillis(400))
            .syntheticVideos(VIDEO_BYTES)
            .deliveryRetry(3, Duration.ofMillis(200))
            .journalLimit(1_000_000)
            .seed(1300L)
            .build();

    @Test
    void everyVideoIsDeliveredOnceAndNoTaskIsBilledTwiceUnderHeavyFaults() throws Exception {
        SIMULATOR.faults()
                .httpErrorRate(429, 0.10).httpErrorRate(500, 0.10).httpErrorRate(503, 0.20)
                .connectionResetRate(0.10)
                .webhookLossRate(0.25).webhookDuplicateRate(0.25);
        AnswerLosingHttpClient network = new AnswerLosingHttpClient(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build(), LOST_ANSWERS,
                1300L);
        int port = SimulatedSeedance.freePort();
        long started = System.nanoTime();
        Map<String, Exchange> results = new HashMap<>();
        int hung = 0;
        try (CamelContext context = camel(network, port)) {
            ProducerTemplate template = context.createProducerTemplate();
            Map<String, CompletableFuture<Exchange>> running = new HashMap<>();
            for (int i = 0; i < EXCHANGES; i++) {
                String key = "order-" + i;
                String route = i % 2 == 0 ? "direct:polled" : "direct:webhook";
                running.put(key, template.asyncSend(route, e -> {
                    e.getMessage().setBody("Scene " + key + ": a lighthouse in a storm");
                    e.getMessage().setHeader("key", key);
                }));
            }
            long deadline = System.nanoTime() + BOUND.toNanos();
            for (Map.Entry<String, CompletableFuture<Exchange>> exchange : running.entrySet()) {
                try {
                    results.put(exchange.getKey(), exchange.getValue().get(
                            Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    hung++;
                } catch (ExecutionException e) {
                    throw new AssertionError("the exchange of " + exchange.getKey() + " could not be sent", e);
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        Set<String> delivered = new HashSet<>();
        List<String> failures = new ArrayList<>();
        results.forEach((key, exchange) -> {
            if (exchange.getException() != null) {
                failures.add(key + ": " + exchange.getException());
            } else if (exchange.getMessage().getBody(SeedanceVideo.class).getSize() == VIDEO_BYTES) {
                delivered.add(exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class));
            }
        });
        Set<String> billed = new HashSet<>();
        for (int i = 0; i < EXCHANGES; i++) {
            String taskUUID = IdempotentTaskUUID.of("order-" + i);
            if (SIMULATOR.simulator().task(taskUUID).isPresent()) {
                billed.add(taskUUID);
            }
        }
        // every billed task beyond one per order: a task billed under a second UUID, or twice
        int doubleBilled = SIMULATOR.requests().billedTasks() - billed.size();
        Set<String> lost = new HashSet<>(billed);
        lost.removeAll(delivered);
        Figures figures = new Figures(took, network, delivered.size(), failures.size(), billed.size(), doubleBilled,
                lost.size(), hung);
        System.out.println(figures);
        Files.writeString(Path.of("target", "fault-run.txt"), figures.toString(), StandardCharsets.UTF_8);

        assertThat(failures).as(figures.toString()).isEmpty();
        assertThat(hung).as(figures.toString()).isZero();
        assertThat(delivered).as(figures.toString()).hasSize(EXCHANGES);
        assertThat(SIMULATOR.requests().billedTasks()).as(figures.toString()).isEqualTo(EXCHANGES);
        assertThat(doubleBilled).as(figures.toString()).isZero();
        assertThat(lost).as(figures.toString()).isEmpty();
        assertThat(figures.refusedShare()).as("the faults happened").isGreaterThan(0.4);
        assertThat(network.lost()).as("answers were lost").isPositive();
    }

    private static CamelContext camel(HttpClient network, int port) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addService(SimulatedSeedance.webhookServer(port));
        context.addComponent("seedance", component(network));
        SeedanceComponent webhooks = component(network);
        webhooks.setWebhookPublicUrl("http://127.0.0.1:" + port + "/seedance/webhook");
        webhooks.setWebhookToken("fault-run-t0ken");
        webhooks.setWebhookGracePeriod(3000);
        context.addComponent("seedancehook", webhooks);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:polled").to("seedance:generate?idempotencyKey=${header.key}&waitTimeout=5m");
                from("direct:webhook").to("seedancehook:generate?idempotencyKey=${header.key}&waitTimeout=5m");
            }
        });
        context.start();
        return context;
    }

    /** Retries enough that a request refused or lost 55% of the time gets through: 0.55^31 is about 1e-8. */
    private static SeedanceComponent component(HttpClient network) {
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 200);
        component.setHttpClient(network);
        component.setMaxRetries(30);
        component.setRetryBackoff(10);
        return component;
    }

    /** What the run did and what came of it. */
    private record Figures(Duration took, AnswerLosingHttpClient network, int delivered, int failed, int billed,
                           int doubleBilled, int lost, int hung) {

        List<RecordedRequest> api() {
            return SIMULATOR.requests().apiRequests();
        }

        double refusedShare() {
            List<RecordedRequest> api = api();
            return api.isEmpty()
                    ? 0
                    : (double) api.stream().filter(r -> REFUSED.contains(r.status())).count() / api.size();
        }

        @Override
        public String toString() {
            List<RecordedRequest> api = api();
            Map<Integer, Long> byStatus = new HashMap<>();
            api.forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
            Map<String, Integer> webhooks = new HashMap<>();
            for (WebhookCall call : SIMULATOR.requests().webhookCalls()) {
                Matcher task = TASK_UUID.matcher(call.body());
                if (task.find() && call.attempt() == 1) {
                    webhooks.merge(task.group(1), 1, Integer::sum);
                }
            }
            int webhookTasks = EXCHANGES / 2;
            long doubled = webhooks.values().stream().filter(n -> n > 1).count();
            return String.format(
                    "Fault run: %d exchanges (%d polling, %d by webhook) in %d s%n"
                                 + "API requests: %d, refused %d (%.0f%%), by status (-1: connection closed): %s%n"
                                 + "answers lost after processing: %d of %d (%.1f%%)%n"
                                 + "webhooks: %d tasks, %d never sent (%.0f%%), %d sent twice (%.0f%%)%n"
                                 + "submits answered conflictTaskUUID (resumed, not billed): %d%n"
                                 + "delivered %d, failed %d, billed %d, double-billed %d, lost %d, hung %d%n",
                    EXCHANGES, EXCHANGES - webhookTasks, webhookTasks, took.toSeconds(),
                    api.size(), api.stream().filter(r -> REFUSED.contains(r.status())).count(), 100 * refusedShare(),
                    byStatus,
                    network.lost(), network.answers(), 100.0 * network.lost() / Math.max(1, network.answers()),
                    webhookTasks, webhookTasks - webhooks.size(),
                    100.0 * (webhookTasks - webhooks.size()) / webhookTasks,
                    doubled, 100.0 * doubled / webhookTasks,
                    SIMULATOR.requests().conflicts(),
                    delivered, failed, billed, doubleBilled, lost, hung);
        }
    }
}
