package io.github.camelseedance.seedance.webhook;

import java.util.List;

import org.apache.camel.Consumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumerAware;

/**
 * The consumers a platform-http consumer is made of: itself, and the consumer of its engine (Vert.x, Spring Boot)
 * that actually handles requests and failures. Loaded only when camel-platform-http is on the class path.
 */
final class PlatformHttpConsumers {

    private PlatformHttpConsumers() {
    }

    static List<Consumer> of(Consumer consumer) {
        if (consumer instanceof PlatformHttpConsumerAware aware) {
            Consumer engine = aware.getPlatformHttpConsumer();
            if (engine != null && engine != consumer) {
                return List.of(consumer, engine);
            }
        }
        return List.of(consumer);
    }
}
