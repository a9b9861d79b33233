package io.github.camelseedance.examples.jms;

import io.github.camelseedance.examples.ExampleMain;
import io.github.camelseedance.examples.runware.EmbeddedRunware;
import org.apache.camel.main.Main;

/**
 * The JMS example: prompts from a queue, several at a time, become videos; results go to a reply queue. By default
 * everything runs in this process: an ActiveMQ Artemis broker and the Runware simulator. Configuration is in
 * {@code jms/application.properties}; see docs/examples/jms.md for a real broker and the real Runware API.
 */
public final class JmsExample {

    private JmsExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleMain.run(create(), args);
    }

    /** The example's Camel Main, not started. */
    public static Main create() {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:jms/application.properties");
        main.configure().addConfiguration(EmbeddedRunware.class);
        main.configure().addConfiguration(EmbeddedBroker.class);
        main.configure().addRoutesBuilder(new JmsRoutes());
        return main;
    }
}
