package io.github.camelseedance.simulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone: {@code java -jar camel-seedance-simulator-<version>-standalone.jar --port 8089 ...}
 * ({@code --help} lists every flag). Logs the base URL and runs until the process is killed.
 */
public final class SimulatorMain {

    private static final System.Logger LOG = System.getLogger(SimulatorMain.class.getName());

    private SimulatorMain() {
    }

    /**
     * @param args flags, see {@code --help}
     * @throws InterruptedException when the main thread is interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(SimulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(SimulatorOptions.USAGE);
            return;
        }
        RunwareSimulator simulator = options.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "runware-sim-shutdown"));
        LOG.log(System.Logger.Level.INFO, "Runware simulator ready: base URL {0}, API key {1}",
                simulator.baseUrl(), simulator.apiKey());
        stopped.await();
    }
}
