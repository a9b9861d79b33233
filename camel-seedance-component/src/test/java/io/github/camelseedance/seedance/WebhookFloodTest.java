package io.github.camelseedance.seedance;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import io.github.camelseedance.simulator.WebhookCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook receiver with a 64 MB heap is flooded with 40 concurrent 10 MB posts (400 MB in all), half without the
 * token and half with it but over the size cap, then a genuine delivery arrives: the flood is refused without its
 * bodies being read (beyond the cap), and the genuine result is taken (200, no poll).
 */
class WebhookFloodTest {

    private static final String TOKEN = "flood-t0ken";
    private static final int FLOOD_POSTS = 40;
    private static final int FLOOD_BYTES = 10 * 1024 * 1024;
    private static final int VIDEO_BYTES = 4096;

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300))
            .syntheticVideos(VIDEO_BYTES)
            .deliveryRetry(3, Duration.ofMillis(500))
            .build();

    @TempDir
    Path work;

    private Process receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.destroyForcibly();
        }
    }

    @Test
    void floodOfBigUnauthenticatedPostsIsRefusedAndGenuineDeliveriesStillArrive() throws Exception {
        Path log = work.resolve("receiver.log");
        Path logging = Files.writeString(work.resolve("log4j2.properties"), String.join("\n",
                "appender.out.type = Console", "appender.out.name = out", "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d [%t] %-5p %c{1} - %m%n", "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = out"));
        receiver = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-Dlog4j2.configurationFile=" + logging,
                "-Dvertx.cacheDirBase=" + System.getProperty("vertx.cacheDirBase", "target/vertx-cache"),
                "-Djava.io.tmpdir=" + work, // its temporary videos' folder goes with the test's
                "-cp", System.getProperty("java.class.path"),
                WebhookFloodApp.class.getName(), SIMULATOR.baseUrl(), SIMULATOR.apiKey(), TOKEN))
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(receiver.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CompletableFuture<Long> delivered = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(output, lines, port, delivered), "receiver-output");
        reader.setDaemon(true);
        reader.start();

        String webhook = "http://127.0.0.1:" + awaitLine(port, lines) + "/seedance/webhook";
        List<String> floodOutcomes = flood(webhook);
        assertThat(floodOutcomes.subList(0, 20)).as("posts without the token").containsOnly("401");
        assertThat(floodOutcomes.subList(20, 40)).as("posts over webhookMaxBodySize")
                .allSatisfy(outcome -> assertThat(outcome).isIn("413", "IOException"));

        try (OutputStream in = receiver.getOutputStream()) {
            in.write("generate\n".getBytes(StandardCharsets.UTF_8));
        }
        long size = awaitLine(delivered, lines);
        List<String> logged;
        synchronized (lines) {
            // the receiver goes on logging while the test reads its lines
            logged = List.copyOf(lines);
        }
        Files.write(log, logged);

        assertThat(size).as(String.join("\n", logged)).isEqualTo(VIDEO_BYTES);
        // the simulator journals a webhook call once it has read the answer
        await().atMost(Duration.ofSeconds(10)).until(() -> !SIMULATOR.requests().webhookCalls().isEmpty());
        assertThat(SIMULATOR.requests().webhookCalls()).extracting(WebhookCall::status).containsOnly(200);
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
    }

    private static <T> T awaitLine(CompletableFuture<T> line, List<String> lines) throws Exception {
        try {
            return line.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            synchronized (lines) {
                List<String> last = lines.subList(Math.max(0, lines.size() - 40), lines.size());
                throw new AssertionError("The receiver did not deliver (" + e + "); the end of its output:\n"
                                         + String.join("\n", last));
            }
        }
    }

    /**
     * 40 posts of 10 MB at once: 20 without the token (half with none, half with a wrong one), 10 with the token and
     * a declared length of 10 MB, 10 with the token streamed without a declared length. The outcome of each post is
     * its status, or the I/O error that ended it.
     */
    private static List<String> flood(String webhook) throws Exception {
        byte[] body = new byte[FLOOD_BYTES];
        ExecutorService threads = Executors.newFixedThreadPool(FLOOD_POSTS);
        HttpClient client = HttpClient.newBuilder().executor(threads).build();
        try {
            List<CompletableFuture<String>> posts = new ArrayList<>();
            for (int i = 0; i < FLOOD_POSTS; i++) {
                String query = i < 10 ? "" : i < 20 ? "?token=guess" : "?token=" + TOKEN;
                HttpRequest.BodyPublisher publisher = i < 30
                        ? HttpRequest.BodyPublishers.ofByteArray(body)
                        : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
                HttpRequest request = HttpRequest.newBuilder(URI.create(webhook + query))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(publisher).build();
                posts.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .handle((answer, error) -> error == null
                                ? String.valueOf(answer.statusCode())
                                : error.getClass().getSimpleName()));
            }
            List<String> outcomes = new ArrayList<>();
            for (CompletableFuture<String> post : posts) {
                outcomes.add(post.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void readOutput(BufferedReader output, List<String> lines, CompletableFuture<Integer> port,
                                   CompletableFuture<Long> delivered) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
                if (line.startsWith("PORT ")) {
                    port.complete(Integer.parseInt(line.substring(5).trim()));
                } else if (line.startsWith("DELIVERED ")) {
                    delivered.complete(Long.parseLong(line.substring(10).trim()));
                }
            }
        } catch (IOException e) {
            // the receiver ended
        }
        port.completeExceptionally(new IllegalStateException("the receiver ended"));
        delivered.completeExceptionally(new IllegalStateException("the receiver ended"));
    }
}
