package io.github.camelseedance.examples.fleet;

import io.github.camelseedance.examples.jms.EmbeddedBroker;
import org.apache.camel.main.Main;

/**
 * One instance of the fleet example: run it on several machines (or pods) against one PostgreSQL database, one JMS
 * broker, one S3 bucket and one Runware account. Each instance takes prompts from the shared queue, records its tasks
 * in the shared task store, and adopts the tasks of an instance that dies. Configuration is in {@code
 * fleet/application.properties} (every value can be given as an environment variable); see docs/fleet.md.
 */
public final class FleetExample {

    private FleetExample() {
    }

    public static void main(String[] args) throws Exception {
        create().run(args);
    }

    /** The example's Camel Main, not started. */
    public static Main create() {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:fleet/application.properties");
        main.configure().addConfiguration(EmbeddedBroker.class);
        main.configure().addRoutesBuilder(new FleetRoutes());
        return main;
    }
}
