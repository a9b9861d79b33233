package io.github.camelseedance.examples.jms;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelseedance.examples.runware.EmbeddedRunware;
import io.github.camelseedance.simulator.RecordedRequest;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the JMS example end to end against its embedded Artemis broker and Runware simulator: prompts are sent to the
 * prompt queue, results read from the result queue.
 */
class JmsExampleTest {

    private static final int VIDEO_BYTES = 8_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path videos;

    static Main main;
    static RunwareSimulator simulator;
    static ProducerTemplate producer;
    static ConsumerTemplate consumer;

    @BeforeAll
    static void startExample() {
        main = JmsExample.create();
        main.addOverrideProperty("jms.video-dir", videos.toString());
        main.addOverrideProperty("jms.concurrent-consumers", "5");
        main.addOverrideProperty("runware.simulator", "always");
        main.addOverrideProperty("runware.simulator.render-time", "400ms");
        main.addOverrideProperty("runware.simulator.synthetic-bytes", String.valueOf(VIDEO_BYTES));
        main.addOverrideProperty("runware.simulator.poll-interval", "100ms");
        main.start();
        CamelContext context = main.getCamelContext();
        simulator = context.getRegistry().lookupByNameAndType(EmbeddedRunware.SIMULATOR_BEAN, RunwareSimulator.class);
        producer = context.createProducerTemplate();
        consumer = context.createConsumerTemplate();
    }

    @AfterAll
    static void stopExample() throws Exception {
        if (main != null) {
            producer.close();
            consumer.close();
            main.stop();
        }
    }

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
    }

    @Test
    void tenPromptsAreAnsweredOnceEachByConcurrentConsumers() throws Exception {
        Map<String, String> prompts = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            prompts.put("prompt-" + i, "Scene number " + i + ": a kite over the dunes");
        }
        prompts.forEach((id, prompt) -> producer.sendBodyAndHeader("jms:queue:seedance.prompts", prompt,
                "JMSCorrelationID", id));

        List<Exchange> replies = receive(10);
        assertThat(consumer.receive("jms:queue:seedance.results", 300)).as("no 11th reply").isNull();

        Set<String> correlationIds = new java.util.HashSet<>();
        for (Exchange reply : replies) {
            String correlationId = reply.getMessage().getHeader("JMSCorrelationID", String.class);
            correlationIds.add(correlationId);
            Map<?, ?> body = JSON.readValue(reply.getMessage().getBody(String.class), Map.class);
            assertThat(body.get("status")).isEqualTo("success");
            assertThat(body.get("correlationId")).isEqualTo(correlationId);
            assertThat(body.get("prompt")).isEqualTo(prompts.get(correlationId));
            String taskUUID = (String) body.get("taskUUID");
            assertThat(reply.getMessage().getHeader("SeedanceTaskUUID")).isEqualTo(taskUUID);
            assertThat(reply.getMessage().getHeader("SeedanceStatus")).isEqualTo("success");
            assertThat(simulator.requests().submissions(taskUUID)).isEqualTo(1);
            assertThat(new java.math.BigDecimal(body.get("cost").toString()))
                    .isEqualByComparingTo(simulator.task(taskUUID).orElseThrow().cost());

            List<?> items = (List<?>) body.get("videos");
            assertThat(items).hasSize(1);
            Map<?, ?> video = (Map<?, ?>) items.get(0);
            assertThat(video.get("fileName")).isEqualTo(taskUUID + ".mp4");
            assertThat(((Number) video.get("size")).longValue()).isEqualTo(VIDEO_BYTES);
            Path stored = Path.of(java.net.URI.create((String) video.get("location")));
            assertThat(stored).isEqualTo(videos.resolve(taskUUID + ".mp4").toAbsolutePath());
            assertThat(stored).isRegularFile().hasSize(VIDEO_BYTES);
        }
        assertThat(correlationIds).isEqualTo(prompts.keySet());
        assertThat(simulator.requests().billedTasks()).isEqualTo(10);
        // several tasks were in flight at once: some poll asked for more than one task
        int widestPoll = simulator.requests().apiRequests().stream()
                .map(RecordedRequest::tasks)
                .mapToInt(tasks -> (int) tasks.stream().filter(t -> "getResponse".equals(t.get("taskType"))).count())
                .max().orElse(0);
        assertThat(widestPoll).as("tasks polled together").isGreaterThan(1);
    }

    @Test
    void aFailedGenerationIsAnsweredWithItsError() throws Exception {
        simulator.faults().failNextTasks("contentPolicyViolation", 1);

        producer.sendBodyAndHeader("jms:queue:seedance.prompts", "A scene the provider refuses",
                "JMSCorrelationID", "refused-1");

        Exchange reply = receive(1).get(0);
        assertThat(reply.getMessage().getHeader("JMSCorrelationID")).isEqualTo("refused-1");
        assertThat(reply.getMessage().getHeader("SeedanceStatus")).isEqualTo("error");
        Map<?, ?> body = JSON.readValue(reply.getMessage().getBody(String.class), Map.class);
        assertThat(body.get("status")).isEqualTo("error");
        assertThat(body.get("code")).isEqualTo("contentPolicyViolation");
        assertThat(body.get("prompt")).isEqualTo("A scene the provider refuses");
        assertThat((String) body.get("taskUUID")).isNotBlank();
        assertThat(simulator.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void aPromptWithJmsReplyToIsAnsweredThere() throws Exception {
        // camel-jms sets JMSReplyTo on a one-way message only when asked to keep the message's QoS headers
        producer.send("jms:queue:seedance.prompts?preserveMessageQos=true", exchange -> {
            exchange.getMessage().setBody("A paper boat on a river");
            exchange.getMessage().setHeader("JMSCorrelationID", "boat");
            exchange.getMessage().setHeader("JMSReplyTo", "queue:my.replies");
        });

        Exchange reply = consumer.receive("jms:queue:my.replies", Duration.ofSeconds(20).toMillis());
        assertThat(reply).as("reply on my.replies").isNotNull();
        assertThat(reply.getMessage().getHeader("JMSCorrelationID")).isEqualTo("boat");
        assertThat(JSON.readValue(reply.getMessage().getBody(String.class), Map.class).get("status"))
                .isEqualTo("success");
    }

    private static List<Exchange> receive(int count) {
        List<Exchange> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Exchange reply = consumer.receive("jms:queue:seedance.results", Duration.ofSeconds(20).toMillis());
            assertThat(reply).as("reply %d of %d", i + 1, count).isNotNull();
            replies.add(reply);
        }
        return replies;
    }
}
