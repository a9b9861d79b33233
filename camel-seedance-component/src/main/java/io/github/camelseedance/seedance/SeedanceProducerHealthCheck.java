package io.github.camelseedance.seedance;

import io.github.camelseedance.seedance.runtime.RunwareServices;

import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.runware.poll.VideoTaskTracker;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a seedance producer: down while the polls of its tasks fail (Runware unreachable, key refused), with
 * the tasks in flight and the poll requests sent as details.
 */
final class SeedanceProducerHealthCheck extends AbstractHealthCheck {

    private final SeedanceEndpoint endpoint;

    SeedanceProducerHealthCheck(SeedanceEndpoint endpoint, String id) {
        super("camel", "producer:seedance-" + id);
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RunwareServices services = endpoint.services();
        if (services == null) {
            builder.down().message("the endpoint is not started");
            return;
        }
        VideoTaskTracker tracker = services.tracker();
        builder.detail("tasksInFlight", tracker.inFlight());
        builder.detail("pollRequests", tracker.pollRequests());
        builder.detail("serviceUrl", endpoint.getServiceUrl());
        Throwable failure = tracker.lastPollFailure();
        if (failure != null) {
            builder.down().message("the last poll of Runware failed: " + failure.getMessage()).error(failure);
        } else {
            builder.up();
        }
    }
}
