package io.github.camelseedance.seedance;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * A seedance component pointed at a Runware simulator, polling quickly: what every test and test application uses.
 */
final class SimulatedSeedance {

    private SimulatedSeedance() {
    }

    /**
     * @param baseUrl    the simulator's base URL
     * @param apiKey     the simulator's key
     * @param pollMillis the initial poll delay and the poll interval; the interval grows up to twice this
     */
    static SeedanceComponent component(String baseUrl, String apiKey, long pollMillis) {
        SeedanceComponent component = new SeedanceComponent();
        component.getConfiguration().setApiKey(apiKey);
        component.getConfiguration().setBaseUrl(baseUrl);
        component.getConfiguration().setInitialPollDelay(pollMillis);
        component.getConfiguration().setPollInterval(pollMillis);
        component.getConfiguration().setMaxPollInterval(2 * pollMillis);
        return component;
    }

    /** The HTTP server a webhook test adds to its CamelContext: platform-http on 127.0.0.1, a free port. */
    static VertxPlatformHttpServer httpServer() {
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost("127.0.0.1");
        configuration.setBindPort(0);
        return new VertxPlatformHttpServer(configuration);
    }
}
