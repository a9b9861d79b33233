package io.github.camelseedance.seedance.runtime;

import java.time.Duration;
import java.util.List;

import io.github.camelseedance.runware.RunwareApiKey;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.journal.TaskLeases;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.seedance.operation.MessageConfiguration;

/**
 * How the lease keeper waits for the tasks this instance holds with no exchange waiting: on the tracker of the
 * component's own API key and base URL, polling at once (in webhook mode, once the grace period after the task was
 * recorded has passed), with the results to the {@code seedance:webhook} consumer, and their cost to the budgets.
 */
final class LeaseDelivery implements TaskLeases.Delivery {

    private final SeedanceComponent component;
    private final SeedanceRuntime runtime;

    LeaseDelivery(SeedanceComponent component, SeedanceRuntime runtime) {
        this.component = component;
        this.runtime = runtime;
    }

    @Override
    public VideoTaskTracker tracker() {
        SeedanceConfiguration configuration = component.getConfiguration();
        String apiKey = RunwareApiKey.resolve(configuration.getApiKey());
        return apiKey == null ? null : runtime.services(configuration.getBaseUrl(), apiKey).tracker();
    }

    @Override
    public WaitPolicy waitPolicy(TaskRecord task) {
        WaitPolicy wait = MessageConfiguration.waitPolicy(component.getConfiguration());
        if (!component.isWebhookMode()) {
            return wait;
        }
        long graceLeft = task.recordedAt() + component.getWebhookGracePeriod() - System.currentTimeMillis();
        Duration initialDelay = Duration.ofMillis(Math.max(wait.initialDelay().toMillis(), graceLeft));
        return new WaitPolicy(initialDelay, wait.interval(), wait.multiplier(), wait.maxInterval(), wait.timeout());
    }

    @Override
    public boolean offerToWaitingExchange(TaskStatus status) {
        return runtime.offerToWaitingExchange(status);
    }

    @Override
    public boolean deliverUnclaimed(TaskStatus status) {
        return runtime.deliverUnclaimed(status);
    }

    @Override
    public void settle(TaskRecord task, List<VideoItem> results) {
        runtime.costGuard().settle(task.taskUUID(), task.model(), results, true);
    }

    @Override
    public void billRemainder(TaskRecord task) {
        runtime.costGuard().billRemainder(task.taskUUID(), task.model());
    }

    @Override
    public void forget(TaskRecord task) {
        runtime.costGuard().forget(task.taskUUID());
    }
}
