package io.github.camelseedance.seedance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Run by {@link WebhookFloodTest} in a JVM with a small heap: a webhook receiver on platform-http (Vert.x) that prints
 * its port, and on the line {@code generate} from its standard input runs one generate that waits for its webhook.
 * <p>
 * Arguments: Runware base URL, API key, webhook token.
 */
public final class WebhookFloodApp {

    private WebhookFloodApp() {
    }

    public static void main(String[] args) throws Exception {
        VertxPlatformHttpServer server = SimulatedSeedance.webhookServer(0);
        try (CamelContext context = new DefaultCamelContext()) {
            context.addService(server);
            SeedanceComponent component = SimulatedSeedance.component(args[0], args[1], 100);
            component.setWebhookToken(args[2]);
            component.setWebhookGracePeriod(600_000);
            context.addComponent("seedance", component);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("seedance:webhook").to("log:unclaimed");
                }
            });
            context.start();
            component.setWebhookPublicUrl("http://127.0.0.1:" + server.getPort() + "/seedance/webhook");
            System.out.println("PORT " + server.getPort());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (!"generate".equals(in.readLine())) {
                // wait for the test to finish its flood
            }
            Exchange exchange = context.createProducerTemplate().request("seedance:generate",
                    e -> e.getMessage().setBody("A lighthouse in a storm"));
            if (exchange.getException() != null) {
                exchange.getException().printStackTrace(System.out);
                System.exit(1);
            }
            System.out.println("DELIVERED " + exchange.getMessage().getBody(SeedanceVideo.class).getSize());
        }
    }
}
