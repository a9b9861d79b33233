package io.github.camelseedance.seedance;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import io.github.camelseedance.simulator.SimulatedTask;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

/**
 * A Camel Main application as operators run it (management server with Prometheus metrics and dev consoles): its
 * metrics and its {@code seedance} dev console, scraped over HTTP while tasks are in flight and after they are done,
 * give the same figures as the simulator's own counts.
 */
class SeedanceObservabilityTest {

    private static final int WARM_UP = 2;
    private static final int TASKS = 5;
    /** Where the console's text and the metrics scraped are kept, for docs/observability.md. */
    private static final Path ARTIFACTS = Path.of("target", "observability");
    private static final int VIDEO_BYTES = 8192;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofSeconds(3)).syntheticVideos(VIDEO_BYTES).seed(11L).build();

    private final HttpClient http = HttpClient.newHttpClient();
    private Main main;
    private int port;

    @BeforeEach
    void startApplication() throws Exception {
        port = freePort();
        main = new Main();
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.host", "127.0.0.1");
        main.addInitialProperty("camel.management.port", Integer.toString(port));
        main.addInitialProperty("camel.management.metricsEnabled", "true");
        main.addInitialProperty("camel.management.devConsoleEnabled", "true");
        main.addInitialProperty("camel.main.devConsoleEnabled", "true");
        main.addInitialProperty("camel.metrics.enabled", "true");
        SeedanceComponent seedance = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 200);
        main.bind("seedance", seedance);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:videos").to("seedance:generate?budget=10&resolution=480p&duration=4");
            }
        });
        main.start();
    }

    @AfterEach
    void stopApplication() {
        main.stop();
    }

    @Test
    void metricsAndTheDevConsoleAgreeWithTheSimulator() throws Exception {
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();
        for (int i = 0; i < WARM_UP; i++) {
            template.requestBody("direct:videos", "Observed before " + i);
        }
        List<CompletableFuture<Object>> videos = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            videos.add(template.asyncRequestBody("direct:videos", "Observed video " + i));
        }
        await().until(() -> SIMULATOR.requests().billedTasks() == WARM_UP + TASKS);

        // in flight
        await().until(() -> {
            JsonNode tasks = console().get("tasksInFlight");
            return tasks.size() == TASKS && tasks.findValues("estimatedRemainingMillis").size() == TASKS;
        });
        JsonNode console = console();
        String instance = console.get("instance").asText();
        JsonNode inFlight = console.get("tasksInFlight");
        JsonNode observed = console.get("renderTimes");
        assertThat(observed).hasSize(1);
        assertThat(observed.get(0).get("resolution").asText()).isEqualTo("480p");
        assertThat(observed.get(0).get("duration").asInt()).isEqualTo(4);
        long averageRenderMillis = observed.get(0).get("averageMillis").asLong();
        for (JsonNode task : inFlight) {
            SimulatedTask simulated = SIMULATOR.simulator().task(task.get("taskUUID").asText()).orElseThrow();
            assertThat(simulated.state()).isEqualTo("processing");
            assertThat(task.get("state").asText()).isEqualTo("processing");
            assertThat(task.get("owner").asText()).isEqualTo(instance);
            assertThat(task.get("size").asText()).isEqualTo("864x496");
            assertThat(task.get("price").decimalValue()).isEqualByComparingTo("0.144");
            assertThat(task.get("estimatedRemainingMillis").asLong()).as("estimated from the warm-up's render times")
                    .isLessThanOrEqualTo(averageRenderMillis);
        }
        JsonNode store = console.get("store");
        assertThat(store.get("tasksInFlight").asLong()).isEqualTo(TASKS);
        assertThat(store.get("tasks").findValuesAsText("owner")).hasSize(TASKS).containsOnly(instance);
        assertThat(store.get("tasks").findValuesAsText("taskUUID"))
                .containsExactlyInAnyOrderElementsOf(inFlight.findValuesAsText("taskUUID"));
        assertThat(console.get("totals").get("submitted").asLong()).isEqualTo(SIMULATOR.requests().billedTasks());
        assertThat(console.get("totals").get("success").asLong()).isEqualTo(WARM_UP);
        JsonNode budget = console.get("budgets").get(0);
        assertThat(budget.get("reserved").decimalValue()).isEqualByComparingTo(new BigDecimal("0.144").multiply(
                BigDecimal.valueOf(TASKS)));
        assertThat(budget.get("spent").decimalValue()).isEqualByComparingTo(billed(WARM_UP));
        assertThat(budget.get("limit").decimalValue()).isEqualByComparingTo("10");
        assertThat(console.get("batchPolling").asBoolean()).isTrue();
        String text = consoleText();
        assertThat(text).contains("Tasks in flight: " + TASKS).contains("Tasks in flight in the task store")
                .contains("MemoryTaskStore: " + TASKS);
        Files.createDirectories(ARTIFACTS);
        Files.writeString(ARTIFACTS.resolve("seedance-dev-console.txt"), text);

        String metrics = metrics();
        assertThat(metric(metrics, "seedance_tasks_inflight", "")).isEqualTo(TASKS);
        assertThat(metric(metrics, "seedance_tasks_submitted_total", "resolution=\"480p\""))
                .isEqualTo(SIMULATOR.requests().billedTasks());
        assertThat(metric(metrics, "seedance_budget_reserved", "budget=\"default\""))
                .isEqualTo(0.144 * TASKS, offset(1e-9));

        // done
        for (CompletableFuture<Object> video : videos) {
            video.get();
        }
        await().until(() -> console().get("tasksInFlight").isEmpty());
        console = console();
        metrics = metrics();
        Files.writeString(ARTIFACTS.resolve("seedance-metrics.txt"), metrics);
        BigDecimal billed = billed(WARM_UP + TASKS);
        assertThat(console.get("totals").get("success").asLong()).isEqualTo(WARM_UP + TASKS);
        assertThat(console.get("store").get("tasksInFlight").asLong()).isZero();
        assertThat(metric(metrics, "seedance_tasks_succeeded_total", "outcome=\"success\"")).isEqualTo(WARM_UP + TASKS);
        assertThat(metric(metrics, "seedance_tasks_inflight", "")).isZero();
        assertThat(console.get("budgets").get(0).get("spent").decimalValue()).isEqualByComparingTo(billed);
        assertThat(metric(metrics, "seedance_spend_usd_total", "")).isEqualTo(billed.doubleValue(),
                offset(1e-9));
        assertThat(console.get("downloads").asLong()).isEqualTo(SIMULATOR.requests().mediaDownloads());
        assertThat(metric(metrics, "seedance_downloads_total", "")).isEqualTo(SIMULATOR.requests().mediaDownloads());
        assertThat(metric(metrics, "seedance_download_bytes_total", ""))
                .isEqualTo((double) (WARM_UP + TASKS) * VIDEO_BYTES);
        long getResponses = SIMULATOR.requests().count("getResponse");
        assertThat(console.get("polls").asLong()).isEqualTo(getResponses);
        assertThat(metric(metrics, "seedance_polls_total", "")).isEqualTo(getResponses);
        int apiRequests = SIMULATOR.requests().apiRequests().size();
        assertThat(metric(metrics, "seedance_http_requests_total", "kind=\"api\",status=\"200\""))
                .isEqualTo(apiRequests);
        assertThat(console.get("httpAnswers").get("api:200").asLong()).isEqualTo(apiRequests);
        // timers as histograms: percentiles by histogram_quantile() over the buckets
        assertThat(metric(metrics, "seedance_task_render_seconds_count", "outcome=\"success\""))
                .isEqualTo(WARM_UP + TASKS);
        assertThat(metrics).contains("seedance_task_render_seconds_bucket{")
                .contains("seedance_task_delivery_seconds_bucket{");

        text = consoleText();
        assertThat(text).contains("Tasks in flight: 0").contains("success    " + (WARM_UP + TASKS)).contains("Budgets:")
                .contains("default");
    }

    /** What the simulator billed for the first {@code n} video tasks it received. */
    private BigDecimal billed(int n) {
        BigDecimal billed = BigDecimal.ZERO;
        for (SimulatedTask task : simulatedTasks().subList(0, n)) {
            billed = billed.add(task.cost());
        }
        return billed;
    }

    private List<SimulatedTask> simulatedTasks() {
        List<SimulatedTask> tasks = new ArrayList<>();
        for (Map<String, Object> task : SIMULATOR.requests().tasks("videoInference")) {
            SIMULATOR.simulator().task((String) task.get("taskUUID")).ifPresent(tasks::add);
        }
        return tasks;
    }

    private JsonNode console() throws Exception {
        HttpResponse<String> answer = get("/q/dev/seedance?format=json", "application/json");
        JsonNode root = JSON.readTree(answer.body());
        JsonNode seedance = root.has("seedance") ? root.get("seedance") : root;
        return seedance.get("components").get(0);
    }

    private String consoleText() throws Exception {
        return get("/q/dev/seedance", "text/plain").body();
    }

    private String metrics() throws Exception {
        return get("/observe/metrics", "*/*").body();
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + " answered " + answer.statusCode() + " " + answer.body())
                .isEqualTo(200);
        return answer;
    }

    /** The sum of the samples of a metric whose labels contain {@code labels}. */
    private static double metric(String scrape, String name, String labels) {
        Matcher samples = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (samples.find()) {
            String sampleLabels = samples.group(1) == null ? "" : samples.group(1);
            if (sampleLabels.contains(labels)) {
                sum += Double.parseDouble(samples.group(2));
                found = true;
            }
        }
        assertThat(found).as(name + " with " + labels + " in the scrape").isTrue();
        return sum;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
