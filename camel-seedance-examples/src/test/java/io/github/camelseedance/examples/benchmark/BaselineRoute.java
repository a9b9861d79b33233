package io.github.camelseedance.examples.benchmark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The route a Camel user writes today to generate videos through Runware without this component: camel-http and
 * Jackson, submit the task, then a {@code loopDoWhile} with a {@code delay} and a {@code getResponse} for the
 * exchange's own task, then GET the video into a file; the jobs come off a seda queue with {@code K} concurrent
 * consumers. Written as a sensible user would: the HTTP connection pool is sized to the consumers, the delay is
 * Camel's default (asynchronous), the video is spooled to disk by Camel's stream cache
 * ({@code spoolEnabled}: by default the cached body stays in memory) and then written to the file, and a failed task or HTTP error fails the exchange.
 */
final class BaselineRoute extends RouteBuilder {

    static final String TASK_UUID = "RunwareTaskUUID";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String apiKey;
    private final long pollMs;
    private final int consumers;
    private final int queueSize;
    private final Path outDir;
    private final Processor recorder;
    private final CountDownLatch done;
    private final AtomicInteger failed;
    private final StringBuilder firstFailure;

    BaselineRoute(String baseUrl, String apiKey, long pollMs, int consumers, int n, Path outDir, Processor recorder,
                  CountDownLatch done, AtomicInteger failed, StringBuilder firstFailure) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.pollMs = pollMs;
        this.consumers = consumers;
        this.queueSize = Math.max(1000, n);
        this.outDir = outDir;
        this.recorder = recorder;
        this.done = done;
        this.failed = failed;
        this.firstFailure = firstFailure;
    }

    @Override
    public void configure() {
        getContext().getPropertiesComponent().addInitialProperty("camel.component.http.connectionsPerRoute",
                Integer.toString(consumers));
        getContext().getPropertiesComponent().addInitialProperty("camel.component.http.maxTotalConnections",
                Integer.toString(consumers));
        String api = baseUrl + "?httpMethod=POST";
        // big bodies: let Camel's stream cache spool them to disk (by default it keeps them in memory)
        getContext().getStreamCachingStrategy().setSpoolEnabled(true);
        String media = baseUrl.substring(0, baseUrl.lastIndexOf('/')) + "/media";

        from("seda:videos?concurrentConsumers=" + consumers + "&size=" + queueSize).routeId("baseline")
                .process(this::countWhenDone)
                // submit
                .process(exchange -> {
                    String uuid = UUID.randomUUID().toString();
                    exchange.getMessage().setHeader(TASK_UUID, uuid);
                    exchange.getMessage().setBody(JSON.writeValueAsString(List.of(Map.of(
                            "taskType", "videoInference", "taskUUID", uuid,
                            "model", "bytedance:seedance@2.0-mini",
                            "positivePrompt", exchange.getMessage().getBody(String.class),
                            "duration", 5, "width", 864, "height", 496))));
                })
                .setHeader("Authorization", constant("Bearer " + apiKey))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .to(api)
                .process(exchange -> checkErrors(exchange.getMessage().getBody(String.class)))
                // poll until done
                .setProperty("videoURL", constant(null))
                .loopDoWhile(exchangeProperty("videoURL").isNull())
                .delay(pollMs)
                .process(exchange -> exchange.getMessage().setBody(JSON.writeValueAsString(List.of(Map.of(
                        "taskType", "getResponse",
                        "taskUUID", exchange.getMessage().getHeader(TASK_UUID, String.class))))))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .to(api)
                .process(exchange -> {
                    JsonNode answer = checkErrors(exchange.getMessage().getBody(String.class));
                    for (JsonNode item : answer.path("data")) {
                        if ("success".equals(item.path("status").asText())) {
                            exchange.setProperty("videoURL", item.path("videoURL").asText());
                        }
                    }
                })
                .end() // delay() leaves a block open in the Java DSL: this end() closes it, the next the loop
                .end()
                // download to a file
                .setHeader(Exchange.HTTP_URI, exchangeProperty("videoURL"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .removeHeader(Exchange.CONTENT_TYPE)
                .setBody(constant(null))
                .to(media)
                .setHeader(Exchange.FILE_NAME, simple("${header." + TASK_UUID + "}.mp4"))
                .to("file:" + outDir)
                .process(recorder);
    }

    private void countWhenDone(Exchange exchange) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange finished) {
                if (finished.isFailed()) {
                    ContenderMain.fail(failed, firstFailure, finished);
                }
                done.countDown();
            }
        });
    }

    private static JsonNode checkErrors(String body) throws Exception {
        JsonNode answer = JSON.readTree(body);
        if (answer.path("errors").size() > 0) {
            throw new IllegalStateException("Runware error: " + answer.path("errors"));
        }
        return answer;
    }
}
