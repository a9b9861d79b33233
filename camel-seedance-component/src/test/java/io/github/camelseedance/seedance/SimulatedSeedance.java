package io.github.camelseedance.seedance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

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
        return webhookServer(0);
    }

    /**
     * The HTTP server (platform-http on Vert.x) a test serves webhooks with, on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     */
    static VertxPlatformHttpServer webhookServer(int port) {
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost("127.0.0.1");
        configuration.setBindPort(port);
        return new VertxPlatformHttpServer(configuration);
    }

    /** A port free now, for a server that must keep its port across restarts. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
