package io.github.camelseedance.examples.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.main.Main;

/**
 * The HTTP delivery example as a Camel Main application. Drop a {@code .txt} prompt into {@code inbox/http/}; the
 * video is delivered to {@code http.damUrl} (camel-http POST), or with {@code -Dhttp.delivery=upload} PUT there by
 * Runware itself through {@code uploadEndpoint}.
 *
 * <p>With no {@code RUNWARE_API_KEY} it starts the embedded simulator; with no {@code http.damUrl} it starts a local
 * receiver that stores what arrives in {@code outbox/http-received/}.
 */
public final class HttpDeliveryMain {

    private HttpDeliveryMain() {
    }

    /**
     * A Camel Main with the HTTP delivery routes and {@code http-delivery.properties}; {@code overrides} win over
     * everything (for example {@code http.damUrl}, or the component's api key and base URL).
     */
    public static Main create(Map<String, String> overrides) {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:http-delivery.properties;optional=true");
        overrides.forEach(main::addOverrideProperty);
        main.configure().addRoutesBuilder(new HttpDeliveryRoutes());
        return main;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-studio.xml");
        }
        Map<String, String> overrides = new java.util.LinkedHashMap<>();
        RunwareSimulator simulator = null;
        LocalReceiver receiver = null;
        try {
            String apiKey = System.getenv("RUNWARE_API_KEY");
            if (apiKey == null || apiKey.isBlank()) {
                simulator = RunwareSimulator.builder().renderTime(Duration.ofSeconds(3)).build().start();
                overrides.put("camel.component.seedance.configuration.api-key", simulator.apiKey());
                overrides.put("camel.component.seedance.configuration.base-url", simulator.baseUrl());
                overrides.put("camel.component.seedance.configuration.initial-poll-delay", "1000");
                System.out
                        .println("No RUNWARE_API_KEY: using the embedded Runware simulator at " + simulator.baseUrl());
            }
            String damUrl = System.getProperty("http.damUrl", System.getenv("HTTP_DAMURL"));
            if (damUrl == null || damUrl.isBlank()) {
                Path store = Path.of("outbox", "http-received").toAbsolutePath();
                receiver = LocalReceiver.start(0, store);
                overrides.put("http.damUrl", receiver.url("/assets"));
                overrides.put("http.uploadBaseUrl", receiver.url("/uploads"));
                System.out
                        .println("No http.damUrl: a local receiver at " + receiver.url("/") + " stores into " + store);
            }
            System.out.println("Drop .txt prompts into " + Path.of("inbox", "http").toAbsolutePath()
                               + "; Ctrl+C to stop.");
            create(overrides).run(args);
        } finally {
            if (receiver != null) {
                receiver.close();
            }
            if (simulator != null) {
                simulator.close();
            }
        }
    }
}
