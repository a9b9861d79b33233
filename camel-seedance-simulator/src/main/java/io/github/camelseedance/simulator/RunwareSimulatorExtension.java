package io.github.camelseedance.simulator;

import java.time.Duration;

import io.github.camelseedance.simulator.video.VideoRenderer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension running a {@link RunwareSimulator} for tests.
 *
 * <p>Registered on a static field, one simulator serves the whole test class (nested classes included): started
 * before all tests, {@link RunwareSimulator#reset() reset} before each test and closed after all tests. Registered
 * on an instance field, each test gets its own simulator, closed after the test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
 *         .renderTime(Duration.ofMillis(300)).syntheticVideos(1_000).build();
 * }</pre>
 */
public final class RunwareSimulatorExtension
        implements
            BeforeAllCallback,
            BeforeEachCallback,
            AfterEachCallback,
            AfterAllCallback {

    private final RunwareSimulator.Builder options;
    private RunwareSimulator simulator;
    private String startedBy;
    private boolean perTest;

    private RunwareSimulatorExtension(RunwareSimulator.Builder options) {
        this.options = options;
    }

    /** A builder with the same options and defaults as {@link RunwareSimulator#builder()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (simulator == null) {
            simulator = options.build().start();
            startedBy = context.getUniqueId();
        }
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (simulator == null) {
            simulator = options.build().start();
            perTest = true;
        } else {
            simulator.reset();
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedBy)) {
            stop();
        }
    }

    /** The running simulator. */
    public synchronized RunwareSimulator simulator() {
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

    private void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
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

        /** @see RunwareSimulator.Builder#progress(boolean) */
        public Builder progress(boolean progress) {
            options.progress(progress);
            return this;
        }

        /** @see RunwareSimulator.Builder#processingTaskType(boolean) */
        public Builder processingTaskType(boolean processingTaskType) {
            options.processingTaskType(processingTaskType);
            return this;
        }

        /** @see RunwareSimulator.Builder#shuffleResults(boolean) */
        public Builder shuffleResults(boolean shuffleResults) {
            options.shuffleResults(shuffleResults);
            return this;
        }

        /** @see RunwareSimulator.Builder#resultIndex(boolean) */
        public Builder resultIndex(boolean resultIndex) {
            options.resultIndex(resultIndex);
            return this;
        }

        /** @see RunwareSimulator.Builder#taskNotFoundCode(String) */
        public Builder taskNotFoundCode(String code) {
            options.taskNotFoundCode(code);
            return this;
        }

        /** @see RunwareSimulator.Builder#getResponseBatching(GetResponseBatching) */
        public Builder getResponseBatching(GetResponseBatching batching) {
            options.getResponseBatching(batching);
            return this;
        }

        /** @see RunwareSimulator.Builder#singularErrors(SingularErrors) */
        public Builder singularErrors(SingularErrors when) {
            options.singularErrors(when);
            return this;
        }

        /** @see RunwareSimulator.Builder#resultErrorForm(ResultErrorForm) */
        public Builder resultErrorForm(ResultErrorForm form) {
            options.resultErrorForm(form);
            return this;
        }

        /** @see RunwareSimulator.Builder#taskDetailsRetention(Duration) */
        public Builder taskDetailsRetention(Duration retention) {
            options.taskDetailsRetention(retention);
            return this;
        }

        /** The extension; its simulator starts when the test class starts. */
        public RunwareSimulatorExtension build() {
            return new RunwareSimulatorExtension(options);
        }
    }
}
