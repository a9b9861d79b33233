package io.github.camelseedance.seedance.operation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.poll.RenderKey;
import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.SeedancePartialFailureException;
import io.github.camelseedance.seedance.SeedanceProducer;
import io.github.camelseedance.seedance.cost.Admission;
import io.github.camelseedance.seedance.journal.TaskHandledElsewhereException;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.seedance.monitor.ActiveTask;
import io.github.camelseedance.seedance.monitor.TaskLog;
import io.github.camelseedance.seedance.monitor.TaskMonitor;
import io.github.camelseedance.seedance.monitor.TaskOutcome;
import io.github.camelseedance.seedance.monitor.TaskProgress;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * generate: submit the task (exactly once, once its price is admitted), wait for it on the component's shared poll
 * loop or for its webhook (no thread held), charge its results at their real cost, then download the successful
 * video(s) onto the exchange and report the failed ones; all of it within waitTimeout, counted from the moment the
 * exchange arrives: the submit's retries, the wait and the download each end at that deadline. Every failure after
 * the submit was tried carries the task UUID, on the exception and in {@code CamelSeedanceTaskUUID}; the task's record
 * is kept unless the task is settled (delivered, refused, failed, or not found).
 */
final class GenerateOperation implements OperationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GenerateOperation.class);

    private final SeedanceEndpoint endpoint;
    private final VideoRequestFactory requests;
    private final TaskSubmission submission;
    private final VideoDelivery delivery;

    GenerateOperation(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
        this.requests = new VideoRequestFactory(endpoint.getConfiguration(), endpoint.getComponent().isProviderRules());
        this.submission = new TaskSubmission(endpoint);
        this.delivery = new VideoDelivery(endpoint);
    }

    @Override
    public CompletableFuture<Void> process(Exchange exchange) {
        MessageConfiguration message = MessageConfiguration.bind(exchange, endpoint.getConfiguration());
        VideoInferenceRequest request = submission.prepare(exchange,
                requests.create(exchange, message, message.waitViolations()),
                message.options());
        VideoTaskTracker tracker = endpoint.services().tracker();
        TaskMonitor monitor = endpoint.getComponent().runtime().monitor();
        boolean webhook = request.webhookURL() != null;
        Duration waitTimeout = Duration.ofMillis(message.options().getWaitTimeout());
        Instant deadline = Instant.now().plus(waitTimeout);
        WaitPolicy wait = waitPolicy(message, webhook).withSchedule(message.options().getPollSchedule(),
                RenderKey.of(request));
        TaskSettlement settled = new TaskSettlement();
        // with a webhook, the wait starts before the submit: a fast result must find it, and until the submit is
        // acknowledged a poll answering not found only means the task has not reached Runware yet
        CompletableFuture<SubmitAck> acknowledged = new CompletableFuture<>();
        CompletableFuture<TaskStatus> done = webhook
                ? tracker.trackBeforeSubmit(request.taskUUID(), request.expectedResults(), wait,
                        status -> progress(exchange, monitor, status), acknowledged)
                : null;
        CompletableFuture<TaskSubmission.Submitted> admitted;
        try {
            admitted = submission.submit(exchange, request, message.options(), settled, deadline);
        } catch (RuntimeException invalid) {
            if (done != null) {
                done.cancel(false);
            }
            throw invalid;
        }
        CompletableFuture<Void> delivered = admitted
                .whenComplete((submitted, failure) -> {
                    if (failure == null) {
                        acknowledged.complete(submitted.ack());
                    } else if (done != null) {
                        done.cancel(false);
                    }
                })
                .thenCompose(submitted -> {
                    ActiveTask task = monitor.submitted(request, submitted.admission().amount(), true);
                    TaskLog.submitted(task, submitted.ack().alreadySubmitted(),
                            webhook ? ", waiting for its webhook" : "");
                    CompletableFuture<TaskStatus> finished = done != null
                            ? done
                            : track(exchange, tracker, monitor, request, until(wait, deadline));
                    // the rest runs on the component's workers, not on the thread that completed the wait (a
                    // webhook request, answered as soon as the result is taken, or a poll's HTTP thread)
                    return finished
                            .whenCompleteAsync((status, failure) -> settleOnWaitFailure(exchange, failure, settled),
                                    endpoint.getComponent().runtime().workerExecutor())
                            .handle((status, failure) -> ended(exchange, task, submitted.admission(), status, failure))
                            .thenCompose(status -> leaseConfirmed(status))
                            .thenCompose(status -> delivery.deliverTask(exchange, status, request.outputFormat(),
                                    message.options(), deadline))
                            .whenComplete((ignored, failure) -> {
                                if (failure == null
                                    || SeedanceProducer.unwrap(failure) instanceof SeedancePartialFailureException) {
                                    settled.deliver();
                                } else if (!isTransient(failure)) {
                                    settled.settle();
                                }
                                delivered(monitor, task, exchange, failure);
                            });
                });
        return withTaskUUID(exchange, delivered, request.taskUUID(),
                failure -> pastDeadline(failure, request.taskUUID(), waitTimeout, deadline));
    }

    /**
     * The task ended at Runware, or its wait did: charges its results, counts its outcome, fails on failure. A task
     * whose every result failed releases its reservation; one whose wait timed out is charged all of it (it still
     * runs, and is billed, at Runware), and so is one Runware forgot after accepting it (it ran and was billed, its
     * results are lost); one whose wait was cancelled (the component stopped) keeps it, for the instance that resumes
     * the task to charge.
     */
    private TaskStatus ended(Exchange exchange, ActiveTask task, Admission admission, TaskStatus status,
                             Throwable failure) {
        TaskMonitor monitor = endpoint.getComponent().runtime().monitor();
        if (failure != null) {
            Throwable cause = SeedanceProducer.unwrap(failure);
            boolean timeout = cause instanceof RunwareTimeoutException timedOut && timedOut.isClientWait();
            // the wait ends in not found only for a task Runware acknowledged: it ran, and was billed
            boolean forgotten = cause instanceof RunwareNotFoundException;
            if (timeout || forgotten) {
                endpoint.getComponent().runtime().costGuard().billRemainder(task.taskUUID(), task.model());
            } else if (!(cause instanceof CancellationException)) {
                admission.release();
            }
            TaskOutcome outcome = timeout ? TaskOutcome.timeout : TaskOutcome.error;
            Duration took = monitor.done(task.taskUUID(), outcome, 0, cause).orElse(Duration.ZERO);
            exchange.getMessage().setHeader(SeedanceConstants.ELAPSED, took);
            TaskLog.ended(task, outcome, 0, null, took, cause);
            monitor.forget(task.taskUUID());
            throw cause instanceof CompletionException completion ? completion : new CompletionException(cause);
        }
        endpoint.getComponent().runtime().costGuard().settle(task.taskUUID(), task.model(), status.items(), true);
        TaskOutcome outcome = status.items().size() < task.results() ? TaskOutcome.partial : TaskOutcome.success;
        Duration took = monitor.done(task.taskUUID(), outcome, status.items().size(), null).orElse(Duration.ZERO);
        exchange.getMessage().setHeader(SeedanceConstants.ELAPSED, took);
        exchange.getMessage().removeHeader(SeedanceConstants.ESTIMATED_REMAINING);
        return status;
    }

    /**
     * A result is delivered only by the instance holding the task's lease: one that was paused while another adopted
     * the task leaves it to that one, and one whose task was delivered meanwhile (by a {@code seedance:webhook} route
     * here or elsewhere, the task's record finished) says so.
     */
    private CompletableFuture<TaskStatus> leaseConfirmed(TaskStatus status) {
        TaskJournal journal = endpoint.getComponent().runtime().taskJournal();
        if (journal.confirmLease(status.taskUUID())) {
            return CompletableFuture.completedFuture(status);
        }
        TaskRecord task = journal.store().get(status.taskUUID());
        return CompletableFuture.failedFuture(task != null && task.finished()
                ? TaskHandledElsewhereException.deliveredMeanwhile(status.taskUUID(), task.owner())
                : TaskHandledElsewhereException.adoptedFrom(journal.instanceId(), status.taskUUID()));
    }

    /**
     * The videos reached the exchange (or their delivery failed): the task leaves the tasks in flight. Videos that
     * reached an {@linkplain OperationHandler#abandon abandoned} exchange reached no one: the task's record stays.
     */
    private static void delivered(TaskMonitor monitor, ActiveTask task, Exchange exchange, Throwable failure) {
        if (failure == null && OperationHandler.isAbandoned(exchange)) {
            TaskLog.info(LOG, task.taskUUID(), "Seedance task {} is done, but the exchange that waited for it went on "
                                               + "when its thread was interrupted: its record is kept, for the task "
                                               + "to be resumed",
                    task.taskUUID());
            monitor.forget(task.taskUUID());
            return;
        }
        if (failure != null) {
            Throwable cause = SeedanceProducer.unwrap(failure);
            if (TaskState.SUCCESS.apiName().equals(task.state())) {
                TaskLog.info(LOG, task.taskUUID(), "Seedance task {} made its video(s) but their delivery failed: {}",
                        task.taskUUID(), cause.getMessage());
            }
            monitor.forget(task.taskUUID());
            return;
        }
        monitor.delivered(task.taskUUID());
        Message message = exchange.getMessage();
        Integer videos = message.getHeader(SeedanceConstants.RESULT_COUNT, Integer.class);
        TaskLog.ended(task, videos != null && videos < task.results() ? TaskOutcome.partial : TaskOutcome.success,
                videos == null ? 0 : videos, message.getHeader(SeedanceConstants.COST, BigDecimal.class),
                task.age(System.nanoTime()), null);
    }

    /**
     * A wait that ended with the task's own outcome (every result failed, or Runware does not know the task) settles
     * it, and its failed results are reported; the wait running out or being cancelled leaves the task possibly
     * running: its record stays.
     */
    private static void settleOnWaitFailure(Exchange exchange, Throwable failure, TaskSettlement settled) {
        if (failure == null) {
            return;
        }
        Throwable cause = SeedanceProducer.unwrap(failure);
        boolean mayStillRun = cause instanceof CancellationException
                              || cause instanceof RunwareTimeoutException timeout && timeout.isClientWait();
        if (!mayStillRun && cause instanceof RunwareException taskFailure) {
            settled.settle();
            VideoDelivery.reportFailures(exchange, VideoDelivery.failuresOf(taskFailure));
        }
    }

    /**
     * A delivery failure that trying again later may not have (a network error, a server error): the task's videos may
     * still be delivered. An expired video is gone.
     */
    private static boolean isTransient(Throwable failure) {
        Throwable cause = SeedanceProducer.unwrap(failure);
        return !(cause instanceof RunwareException runware) || runware.retryable();
    }

    /** Every failure after the submit was tried names the task, on the exception and in the task UUID header. */
    static CompletableFuture<Void> withTaskUUID(Exchange exchange, CompletableFuture<Void> work, String taskUUID) {
        return withTaskUUID(exchange, work, taskUUID, UnaryOperator.identity());
    }

    /**
     * As {@link #withTaskUUID(Exchange, CompletableFuture, String)}, the failure first told as {@code told} says (one
     * stage for both, kept by every waiting task).
     */
    private static CompletableFuture<Void> withTaskUUID(Exchange exchange, CompletableFuture<Void> work,
                                                        String taskUUID, UnaryOperator<Throwable> told) {
        return work.handle((ignored, failure) -> {
            if (failure == null) {
                return null;
            }
            OutputHeaders.writeTaskUUID(exchange, taskUUID);
            Throwable cause = told.apply(SeedanceProducer.unwrap(failure));
            throw new CompletionException(cause instanceof RunwareException runware
                    ? runware.aboutTask(taskUUID)
                    : cause);
        });
    }

    /** The wait, ending at the exchange's deadline (what the submit left of waitTimeout). */
    private static WaitPolicy until(WaitPolicy wait, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return wait.withTimeout(left.isNegative() ? Duration.ZERO : left);
    }

    /**
     * A failure once the deadline has passed, or a step the deadline cut short (no retry could start before it, a
     * download still arriving at it), is the timeout of the whole generate, naming its task (possibly billed, and
     * available to status and download); the cause says which step it cut short.
     */
    private static Throwable pastDeadline(Throwable failure, String taskUUID, Duration waitTimeout, Instant deadline) {
        Throwable cause = SeedanceProducer.unwrap(failure);
        boolean cutShort = cause instanceof RunwareTimeoutException timeout
                           && RunwareTimeoutException.CLIENT_WAIT_TIMEOUT.equals(timeout.code());
        if (!cutShort && Instant.now().isBefore(deadline)) {
            return cause;
        }
        String text = "Seedance task " + taskUUID + " was not delivered within waitTimeout " + waitTimeout
                      + " (" + cause.getMessage() + "); it may still run, or be done, at Runware: status and download "
                      + "can fetch it by its task UUID";
        return new RunwareTimeoutException(text,
                RunwareError.of(RunwareTimeoutException.CLIENT_WAIT_TIMEOUT, text, taskUUID), 0, cause);
    }

    private static CompletableFuture<TaskStatus> track(Exchange exchange, VideoTaskTracker tracker,
                                                       TaskMonitor monitor, VideoInferenceRequest request,
                                                       WaitPolicy wait) {
        return tracker.track(request.taskUUID(), request.expectedResults(), wait,
                status -> progress(exchange, monitor, status));
    }

    /** With a webhook the first poll waits for the grace period: polling is only the fallback for lost webhooks. */
    private WaitPolicy waitPolicy(MessageConfiguration message, boolean webhook) {
        WaitPolicy wait = message.waitPolicy();
        if (!webhook) {
            return wait;
        }
        Duration grace = Duration.ofMillis(endpoint.getComponent().getWebhookGracePeriod());
        return new WaitPolicy(grace, wait.maxInterval(), wait.multiplier(), wait.maxInterval(), wait.timeout());
    }

    /** A progress callback: the state, Runware's progress if any, the time elapsed and the estimated time left. */
    static void progress(Exchange exchange, TaskMonitor monitor, TaskStatus status) {
        Message message = exchange.getMessage();
        message.setHeader(SeedanceConstants.STATUS, status.state().apiName());
        message.setHeader(SeedanceConstants.PROGRESS, status.progress());
        TaskProgress progress = monitor.progress(status).orElse(null);
        if (progress != null) {
            message.setHeader(SeedanceConstants.ELAPSED, progress.elapsed());
            message.setHeader(SeedanceConstants.ESTIMATED_REMAINING, progress.remaining());
        }
        if (LOG.isDebugEnabled()) {
            TaskLog.debug(LOG, status.taskUUID(), "Seedance task {} {} {}% ({} result(s) ready), {} elapsed, {} left",
                    status.taskUUID(), status.state(), status.progress(), status.items().size(),
                    progress == null ? "?" : TaskLog.text(progress.elapsed()),
                    progress == null || progress.remaining() == null ? "?" : TaskLog.text(progress.remaining()));
        }
    }
}
