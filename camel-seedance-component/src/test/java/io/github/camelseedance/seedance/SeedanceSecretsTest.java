package io.github.camelseedance.seedance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The webhook token is a secret like the API key: no error message and no log line quotes it, even when the webhook
 * URL it goes into is malformed.
 */
class SeedanceSecretsTest {

    private static final String TOKEN = "tok-14-never-shown";

    @RegisterExtension
    static final RunwareSimulatorExtension SIMULATOR = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofMillis(100))
            .syntheticVideos(512)
            .build();

    @Test
    void malformedWebhookPublicUrlFailsTheStartNamingItWithoutTheToken() throws Exception {
        try (CapturedLogs logs = new CapturedLogs(); CamelContext context = new DefaultCamelContext()) {
            SeedanceComponent component = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
            component.setWebhookPublicUrl("https://videos example.com/seedance/webhook");
            component.setWebhookToken(TOKEN);
            context.addComponent("seedance", component);
            context.addRoutes(route());

            assertThatThrownBy(context::start).hasStackTraceContaining(
                    "webhookPublicUrl https://videos example.com/seedance/webhook is not allowed: an absolute http://")
                    .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain(TOKEN));
            assertThat(logs.text()).contains("webhookPublicUrl").doesNotContain(TOKEN);
            assertThat(SIMULATOR.requests().count("videoInference")).isZero();
        }
    }

    @Test
    void aWebhookUrlWithATokenIsQuotedWithoutItsQueryValues() throws Exception {
        try (CapturedLogs logs = new CapturedLogs(); CamelContext context = new DefaultCamelContext()) {
            context.addComponent("seedance",
                    SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100));
            context.addRoutes(route());
            context.start();

            Exchange exchange = context.createProducerTemplate().request("direct:generate", e -> {
                e.getMessage().setBody("A lantern festival");
                e.getMessage().setHeader(SeedanceConstants.WEBHOOK_URL,
                        "ftp://hooks.example.com/in?token=" + TOKEN + "&team=video");
            });

            assertThat(exchange.getException()).isInstanceOf(RunwareValidationException.class)
                    .hasMessageContaining(
                            "webhookURL: ftp://hooks.example.com/in?token=xxxxxx&team=xxxxxx is not allowed");
            assertThat(stackTrace(exchange.getException())).doesNotContain(TOKEN);
            assertThat(logs.text()).contains("webhookURL").doesNotContain(TOKEN);
            assertThat(SIMULATOR.requests().count("videoInference")).isZero();
        }
    }

    @Test
    void camelMainsStartupSummaryMasksTheTokenAsItMasksTheApiKey(@TempDir Path config) throws Exception {
        Path properties = Files.writeString(config.resolve("application.properties"), String.join("\n",
                "camel.component.seedance.configuration.api-key = " + SIMULATOR.apiKey(),
                "camel.component.seedance.configuration.base-url = " + SIMULATOR.baseUrl(),
                "camel.component.seedance.webhook-token = " + TOKEN));
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + properties);
        main.configure().addRoutesBuilder(route());
        try (CapturedLogs logs = new CapturedLogs(Level.INFO)) {
            main.start();
            main.stop();

            assertThat(logs.text()).contains("camel.component.seedance.webhookToken = xxxxxx")
                    .contains("camel.component.seedance.configuration.apiKey = xxxxxx")
                    .doesNotContain(TOKEN).doesNotContain(SIMULATOR.apiKey());
        }
    }

    private static RouteBuilder route() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate");
            }
        };
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
