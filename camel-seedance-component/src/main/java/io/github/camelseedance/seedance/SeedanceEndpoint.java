package io.github.camelseedance.seedance;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.github.camelseedance.runware.RunwareApiKey;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.rules.Violation;
import io.github.camelseedance.seedance.operation.MessageConfiguration;
import io.github.camelseedance.seedance.runtime.ProcessTempFolder;
import io.github.camelseedance.seedance.runtime.RunwareServices;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.util.ObjectHelper;

/**
 * Generate videos with ByteDance Seedance 2.0 (Mini) through the Runware API: text-to-video, image-to-video with first
 * and last frames, and reference images, videos and audios.
 */
@UriEndpoint(firstVersion = "1.0.0", scheme = "seedance", title = "Seedance", syntax = "seedance:operation",
             category = { Category.AI }, headersClass = SeedanceConstants.class)
@ManagedResource(description = "Managed Seedance endpoint")
public class SeedanceEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriPath
    @Metadata(required = true, description = "The operation to perform.")
    private SeedanceOperation operation;
    @UriParam
    private SeedanceConfiguration configuration;

    private RunwareServices services;
    private Path tempDirectory;

    public SeedanceEndpoint(String uri, SeedanceComponent component, SeedanceOperation operation,
                            SeedanceConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public SeedanceComponent getComponent() {
        return (SeedanceComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new SeedanceProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != SeedanceOperation.webhook) {
            throw new IllegalArgumentException("seedance:" + operation + " is a producer; the consumer is "
                                               + "seedance:webhook, which receives the results of submitted tasks");
        }
        SeedanceWebhookConsumer consumer = new SeedanceWebhookConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * Gives a consumer that the webhook consumer runs inside (the HTTP server's) this endpoint's consumer options:
     * {@code bridgeErrorHandler} and {@code exceptionHandler}.
     */
    public void configureNestedConsumer(Consumer consumer) throws Exception {
        configureConsumer(consumer);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (operation == SeedanceOperation.generate) {
            List<Violation> wait = new MessageConfiguration(configuration, Set.of()).waitViolations();
            if (!wait.isEmpty()) {
                throw new RunwareValidationException(null, wait);
            }
        }
        String apiKey = resolveApiKey();
        if (ObjectHelper.isEmpty(apiKey)) {
            throw new IllegalArgumentException(
                    "No Runware API key: set the apiKey option (on the endpoint or the component) or the "
                                               + RunwareApiKey.ENVIRONMENT_VARIABLE + " environment variable");
        }
        services = getComponent().runtime().services(configuration.getBaseUrl(), apiKey);
        tempDirectory = ProcessTempFolder.in(configuration.getTempDirectory() != null
                ? Path.of(configuration.getTempDirectory())
                : Path.of(System.getProperty("java.io.tmpdir"), "camel-seedance"));
    }

    private String resolveApiKey() {
        return RunwareApiKey.resolve(configuration.getApiKey());
    }

    @Override
    public String getServiceUrl() {
        return configuration.getBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "http";
    }

    public RunwareServices services() {
        return services;
    }

    @ManagedAttribute(description = "Tasks being waited for by the client of this endpoint's API key and base URL")
    public int getTasksInFlight() {
        return services == null ? 0 : services.tracker().inFlight();
    }

    @ManagedAttribute(description = "getResponse requests sent by the client of this endpoint's API key and base URL")
    public long getPollRequests() {
        return services == null ? 0 : services.tracker().pollRequests();
    }

    @ManagedAttribute(description = "Whether polls are batched now: false when batchPolling is off, or once Runware "
                                    + "left tasks out of 3 batched answers")
    public boolean isBatchPollingActive() {
        return services != null && services.tracker().batchPolling();
    }

    @ManagedAttribute(description = "Batched getResponse answers that left a task out or refused the batch")
    public long getIncompleteBatchAnswers() {
        return services == null ? 0 : services.tracker().incompleteBatchAnswers();
    }

    public Path tempDirectory() {
        return tempDirectory;
    }

    public SeedanceOperation getOperation() {
        return operation;
    }

    public void setOperation(SeedanceOperation operation) {
        this.operation = operation;
    }

    public SeedanceConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SeedanceConfiguration configuration) {
        this.configuration = configuration;
    }
}
