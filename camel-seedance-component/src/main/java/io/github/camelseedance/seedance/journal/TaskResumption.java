package io.github.camelseedance.seedance.journal;

import io.github.camelseedance.runware.RunwareApiKey;
import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.runtime.RunwareServices;
import io.github.camelseedance.seedance.runtime.SeedanceRuntime;
import io.github.camelseedance.seedance.SeedanceProducer;
import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.seedance.operation.MessageConfiguration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart, waits again for the tasks the task repository still holds (submitted, billed, not delivered), so
 * that nothing is submitted again: an exchange redelivered for the same work (same idempotency key) joins the wait and
 * claims the result, and only results no exchange claimed go to the {@code seedance:webhook} consumer. Each result
 * goes to exactly one of them.
 */
public final class TaskResumption {

    private static final Logger LOG = LoggerFactory.getLogger(TaskResumption.class);

    private final SeedanceComponent component;
    private final SeedanceRuntime runtime;
    private final Set<String> unclaimed = ConcurrentHashMap.newKeySet();

    public TaskResumption(SeedanceComponent component, SeedanceRuntime runtime) {
        this.component = component;
        this.runtime = runtime;
    }

    public void resumeRecordedTasks() {
        List<TaskRecord> tasks = runtime.taskJournal().inFlight();
        if (tasks.isEmpty()) {
            return;
        }
        SeedanceConfiguration configuration = component.getConfiguration();
        String apiKey = RunwareApiKey.resolve(configuration.getApiKey());
        if (apiKey == null) {
            LOG.warn("{} task(s) in flight were recorded, but the component has no API key to resume them with: "
                     + "they are resumed when their work is redelivered", tasks.size());
            return;
        }
        RunwareServices services = runtime.services(configuration.getBaseUrl(), apiKey);
        WaitPolicy wait = MessageConfiguration.waitPolicy(configuration);
        for (TaskRecord task : tasks) {
            LOG.info("Resuming Seedance task {} recorded before the restart", task.taskUUID());
            unclaimed.add(task.taskUUID());
            services.tracker().track(task.taskUUID(), task.expectedResults(), wait, null)
                    .whenComplete((status, failure) -> {
                        if (!unclaimed.remove(task.taskUUID())) {
                            LOG.debug("Resumed Seedance task {} was taken by the exchange that claimed it",
                                    task.taskUUID());
                        } else if (failure != null) {
                            LOG.warn("Resumed Seedance task {} did not finish: {}", task.taskUUID(),
                                    SeedanceProducer.unwrap(failure).getMessage());
                        } else {
                            runtime.deliverUnclaimed(status);
                        }
                    });
        }
    }

    /**
     * An exchange is about to wait for the task: when the task was resumed here and its result has not been handed
     * on yet, the result is the exchange's, and the {@code seedance:webhook} consumer does not get it too.
     *
     * @param taskUUID the task the exchange waits for
     */
    public void claim(String taskUUID) {
        if (unclaimed.remove(taskUUID)) {
            LOG.info("Resumed Seedance task {} claimed by its redelivered exchange", taskUUID);
        }
    }
}
