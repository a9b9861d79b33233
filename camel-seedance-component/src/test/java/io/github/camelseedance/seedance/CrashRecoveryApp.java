package io.github.camelseedance.seedance;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * Run by {@link CrashRecoveryTest} in its own JVM, killed and started again: the file-drop route users write, with
 * an idempotency key per prompt file and the tasks in flight recorded in a file.
 * <p>
 * Arguments: inbox, outbox, Runware base URL, API key, task repository file.
 */
public final class CrashRecoveryApp {

    private CrashRecoveryApp() {
    }

    public static void main(String[] args) throws Exception {
        String inbox = args[0];
        String outbox = args[1];
        SeedanceComponent seedance = SimulatedSeedance.component(args[2], args[3], 300);
        seedance.setTaskStoreFile(args[4]);

        Main main = new Main();
        main.bind("seedance", seedance);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?include=.*\\.txt&move=.done&delay=100&maxMessagesPerPoll=1000")
                        .routeId("studio")
                        .to("seedance:generate?idempotencyKey=${file:name}")
                        .to("file:" + outbox + "?tempFileName=${file:name}.part&fileExist=Ignore");
            }
        });
        main.run();
    }
}
