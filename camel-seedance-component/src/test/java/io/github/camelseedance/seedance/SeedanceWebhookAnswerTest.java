package io.github.camelseedance.seedance;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelseedance.seedance.journal.MemoryTaskStore;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import io.github.camelseedance.simulator.WebhookCall;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook receiver answers Runware as soon as the waiting exchange has taken the result: the rest of the generate
 * (the store's lease write, the cost settlement, the download) runs on the component's workers, never on the HTTP
 * server's request thread. Shown with a task store whose writes after the submit block until the test releases them:
 * the webhook is answered 200 while the write is still blocked.
 */
class SeedanceWebhookAnswerTest extends CamelTestSupport {

    private static final String TOKEN = "answer-t0ken";

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(300))
            .syntheticVideos(1024)
            .deliveryRetry(1, Duration.ofMillis(100))
            .build();

    private final BlockingStore store = new BlockingStore();
    private VertxPlatformHttpServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        server = SimulatedSeedance.httpServer();
        context.addService(server);
        SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        component.setWebhookToken(TOKEN);
        component.setWebhookGracePeriod(60_000);
        component.setTaskStore(store);
        context.addComponent("seedance", component);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate");
                // serves the webhook path (the public URL is set once the server's port is known)
                from("seedance:webhook").to("mock:unclaimed");
            }
        };
    }

    @AfterEach
    void release() {
        store.released.countDown();
    }

    @Test
    void theWebhookIsAnsweredBeforeTheRestOfTheGenerateRuns() throws Exception {
        context.getComponent("seedance", SeedanceComponent.class)
                .setWebhookPublicUrl("http://127.0.0.1:" + server.getPort() + "/seedance/webhook");
        CompletableFuture<Exchange> generated = template.asyncSend("direct:generate",
                e -> e.getMessage().setBody("A heron taking off"));
        await().until(() -> SIMULATOR.requests().count("videoInference") == 1);
        await().until(store::acknowledgedOnce);
        store.blocking.set(true);

        // answered while the lease write of the delivery is held
        await().atMost(Duration.ofSeconds(5)).until(() -> !SIMULATOR.requests().webhookCalls().isEmpty());
        assertThat(SIMULATOR.requests().webhookCalls()).extracting(WebhookCall::status).containsExactly(200);
        assertThat(store.blocked.await(5, TimeUnit.SECONDS)).as("the write after the webhook waits").isTrue();
        assertThat(generated).isNotDone();

        store.released.countDown();
        Exchange exchange = generated.get(10, TimeUnit.SECONDS);
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SeedanceVideo.class).getSize()).isEqualTo(1024);
        assertThat(SIMULATOR.requests().count("getResponse")).isZero();
    }

    /** A memory store whose updates block, once armed, until released. */
    static final class BlockingStore extends MemoryTaskStore {

        final AtomicBoolean blocking = new AtomicBoolean();
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean acknowledged;

        boolean acknowledgedOnce() {
            return acknowledged;
        }

        @Override
        public boolean update(TaskRecord task) {
            if (blocking.get()) {
                blocked.countDown();
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            boolean updated = super.update(task);
            acknowledged |= task.acknowledged();
            return updated;
        }
    }
}
