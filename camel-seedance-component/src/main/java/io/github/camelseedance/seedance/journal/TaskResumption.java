package io.github.camelseedance.seedance.journal;

import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.seedance.RunwareServices;
import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.SeedanceProducer;
import io.github.camelseedance.seedance.operation.MessageOptions;
import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.seedance.operation.MessageOptions;
import java.util.List;

import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart, waits again for the tasks the task repository still holds (submitted, billed, not delivered), so
 * that nothing is submitted again: an exchange redelivered for the same work (same idempotency key) joins the wait,
 * and results no exchange claims go to the {@code seedance:webhook} consumer.
 */
public final class TaskResumption {

    private static final Logger LOG = LoggerFactory.getLogger(TaskResumption.class);

    private final SeedanceComponent component;

    public TaskResumption(SeedanceComponent component) {
        this.component = component;
    }

    public void resumeRecordedTasks() {
        List<TaskRecord> tasks = component.taskJournal().inFlight();
        if (tasks.isEmpty()) {
            return;
        }
        SeedanceConfiguration configuration = component.getConfiguration();
        String apiKey = ObjectHelper.isNotEmpty(configuration.getApiKey())
                ? configuration.getApiKey() : System.getenv(SeedanceEndpoint.API_KEY_ENV);
        if (ObjectHelper.isEmpty(apiKey)) {
            LOG.warn("{} task(s) in flight were recorded, but the component has no API key to resume them with: "
                     + "they are resumed when their work is redelivered", tasks.size());
            return;
        }
        RunwareServices services = component.services(configuration.getBaseUrl(), apiKey);
        WaitPolicy wait = MessageOptions.waitPolicy(configuration);
        for (TaskRecord task : tasks) {
            LOG.info("Resuming Seedance task {} recorded before the restart", task.taskUUID());
            services.tracker().track(task.taskUUID(), task.expectedResults(), wait, null)
                    .whenComplete((status, failure) -> {
                        if (failure != null) {
                            LOG.warn("Resumed Seedance task {} did not finish: {}", task.taskUUID(),
                                    SeedanceProducer.unwrap(failure).getMessage());
                        } else {
                            component.deliverUnclaimed(status);
                        }
                    });
        }
    }
}
