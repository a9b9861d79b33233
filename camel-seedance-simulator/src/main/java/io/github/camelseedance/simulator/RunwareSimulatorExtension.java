package io.github.camelseedance.simulator;

import io.github.camelseedance.simulator.video.VideoRenderer;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension running one {@link RunwareSimulator} for a test class: started before all tests (or before the
 * first test when registered on an instance field), {@link RunwareSimulator#reset() reset} before each test and
 * closed after all tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
 *         .renderTime(Duration.ofMillis(300)).syntheticVideos(1_000).build();
 * }</pre>
 */
public final class RunwareSimulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final RunwareSimulator.Builder options;
    private RunwareSimulator simulator;

    private RunwareSimulatorExtension(RunwareSimulator.Builder options) {
        this.options = options;
    }

    /** A builder with the same options and defaults as {@link RunwareSimulator#builder()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startIfNeeded();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!startIfNeeded()) {
            simulator.reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    /** The running simulator. */
    public RunwareSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("the simulator runs only while the test class runs");
        }
        return simulator;
    }

    /** Shortcut for {@code simulator().baseUrl()}. */
    public String baseUrl() {
        return simulator().baseUrl();
    }

    /** Shortcut for {@code simulator().apiKey()}. */
    public String apiKey() {
        return simulator().apiKey();
    }

    /** Shortcut for {@code simulator().requests()}. */
    public RequestJournal requests() {
        return simulator().requests();
    }

    /** Shortcut for {@code simulator().faults()}. */
    public FaultPlan faults() {
        return simulator().faults();
    }

    private synchronized boolean startIfNeeded() {
        if (simulator != null) {
            return false;
        }
        simulator = options.build().start();
        return true;
    }

    /** Options of the extension's simulator, as in {@link RunwareSimulator.Builder}. */
    public static final class Builder {
        private final RunwareSimulator.Builder options = RunwareSimulator.builder();

        private Builder() {
        }

        /** @see RunwareSimulator.Builder#port(int) */
        public Builder port(int port) {
            options.port(port);
            return this;
        }

        /** @see RunwareSimulator.Builder#apiKey(String) */
        public Builder apiKey(String apiKey) {
            options.apiKey(apiKey);
            return this;
        }

        /** @see RunwareSimulator.Builder#renderTime(Duration) */
        public Builder renderTime(Duration renderTime) {
            options.renderTime(renderTime);
            return this;
        }

        /** @see RunwareSimulator.Builder#renderSpread(Duration) */
        public Builder renderSpread(Duration spread) {
            options.renderSpread(spread);
            return this;
        }

        /** @see RunwareSimulator.Builder#syntheticVideos(long) */
        public Builder syntheticVideos(long bytes) {
            options.syntheticVideos(bytes);
            return this;
        }

        /** @see RunwareSimulator.Builder#seed(long) */
        public Builder seed(long seed) {
            options.seed(seed);
            return this;
        }

        /** @see RunwareSimulator.Builder#videoRenderer(VideoRenderer) */
        public Builder videoRenderer(VideoRenderer renderer) {
            options.videoRenderer(renderer);
            return this;
        }

        /** @see RunwareSimulator.Builder#deliveryRetry(int, Duration) */
        public Builder deliveryRetry(int maxAttempts, Duration firstBackoff) {
            options.deliveryRetry(maxAttempts, firstBackoff);
            return this;
        }

        /** @see RunwareSimulator.Builder#httpThreads(int) */
        public Builder httpThreads(int threads) {
            options.httpThreads(threads);
            return this;
        }

        /** @see RunwareSimulator.Builder#journalLimit(int) */
        public Builder journalLimit(int limit) {
            options.journalLimit(limit);
            return this;
        }

        /** The extension; its simulator starts when the test class starts. */
        public RunwareSimulatorExtension build() {
            return new RunwareSimulatorExtension(options);
        }
    }
}
