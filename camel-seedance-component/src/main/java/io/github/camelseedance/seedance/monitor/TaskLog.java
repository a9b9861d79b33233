package io.github.camelseedance.seedance.monitor;

import java.math.BigDecimal;
import java.time.Duration;

import io.github.camelseedance.seedance.cost.Usd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The log lines about a task, each with the task's UUID in the logging MDC under {@value #MDC_TASK_UUID} (whatever
 * thread writes it: the route's, the poll loop's, the webhook's), and the two INFO lines every task gets: at submit
 * (model, size, duration, price) and at its end (outcome, how long it took, cost).
 */
public final class TaskLog {

    /** The MDC key holding the task's UUID: {@code %X{taskUUID}} in a log pattern. */
    public static final String MDC_TASK_UUID = "taskUUID";

    private static final Logger LOG = LoggerFactory.getLogger(TaskLog.class);

    private TaskLog() {
    }

    /** Runs {@code action} with the task's UUID in the MDC (restoring what was there). */
    public static void with(String taskUUID, Runnable action) {
        String previous = MDC.get(MDC_TASK_UUID);
        MDC.put(MDC_TASK_UUID, taskUUID);
        try {
            action.run();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_TASK_UUID);
            } else {
                MDC.put(MDC_TASK_UUID, previous);
            }
        }
    }

    /** Logs at INFO with the task's UUID in the MDC (nothing is done when INFO is off). */
    public static void info(Logger log, String taskUUID, String format, Object... arguments) {
        if (log.isInfoEnabled()) {
            with(taskUUID, () -> log.info(format, arguments));
        }
    }

    /** Logs at WARN with the task's UUID in the MDC (nothing is done when WARN is off). */
    public static void warn(Logger log, String taskUUID, String format, Object... arguments) {
        if (log.isWarnEnabled()) {
            with(taskUUID, () -> log.warn(format, arguments));
        }
    }

    /** Logs at DEBUG with the task's UUID in the MDC. */
    public static void debug(Logger log, String taskUUID, String format, Object... arguments) {
        if (log.isDebugEnabled()) {
            with(taskUUID, () -> log.debug(format, arguments));
        }
    }

    /** The INFO line at submit (its text is not even built when INFO is off). */
    public static void submitted(ActiveTask task, boolean resumed, String waitingFor) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        info(LOG, task.taskUUID(), "Seedance task {} {}: {}, {}, {} s, {} result(s), price {}{}", task.taskUUID(),
                resumed ? "resumed" : "submitted", task.model(), task.size(), task.duration(), task.results(),
                usd(task.price()), waitingFor);
    }

    /** The INFO line at the end (its text is not even built when INFO is off). */
    public static void ended(ActiveTask task, TaskOutcome outcome, int videos, BigDecimal cost, Duration took,
                             Throwable failure) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        if (failure == null) {
            info(LOG, task.taskUUID(), "Seedance task {} {} after {}: {} video(s) of {}, {}, {} s, {}",
                    task.taskUUID(), outcome == TaskOutcome.partial ? "partly succeeded" : "succeeded", text(took),
                    videos, task.model(), task.size(), task.duration(), cost != null
                            ? "cost " + usd(cost)
                            : "price " + usd(task.price()) + " (Runware reported no cost: includeCost is off)");
        } else {
            info(LOG, task.taskUUID(), "Seedance task {} {} after {}: {}, {}, {} s, price {}: {}", task.taskUUID(),
                    outcome == TaskOutcome.timeout ? "timed out" : "failed", text(took), task.model(), task.size(),
                    task.duration(), usd(task.price()), failure.getMessage());
        }
    }

    private static String usd(BigDecimal amount) {
        return amount == null ? "unknown" : Usd.text(amount) + " USD";
    }

    /** A duration as people read it: 850 ms, 12.4 s, 3 min 5 s. */
    public static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            long tenths = (millis + 50) / 100;
            return tenths / 10 + "." + tenths % 10 + " s";
        }
        return millis / 60_000 + " min " + millis % 60_000 / 1000 + " s";
    }
}
