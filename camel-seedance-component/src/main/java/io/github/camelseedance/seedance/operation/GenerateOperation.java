package io.github.camelseedance.seedance.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.SeedancePartialFailureException;
import io.github.camelseedance.seedance.SeedanceProducer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * generate: submit the task (exactly once), wait for it on the component's shared poll loop or for its webhook (no
 * thread held), then download the successful video(s) onto the exchange and report the failed ones. Every failure
 * after the submit was tried carries the task UUID, on the exception and in {@code CamelSeedanceTaskUUID}; the task's
 * record is kept unless the task is settled (delivered, refused, failed, or not found).
 */
final class GenerateOperation implements OperationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GenerateOperation.class);

    private final SeedanceEndpoint endpoint;
    private final VideoRequestFactory requests;
    private final TaskSubmission submission;
    private final VideoDelivery delivery;

    GenerateOperation(SeedanceEndpoint endpoint) {
        this.endpoint = endpoint;
        this.requests = new VideoRequestFactory(endpoint.getConfiguration());
        this.submission = new TaskSubmission(endpoint);
        this.delivery = new VideoDelivery(endpoint);
    }

    @Override
    public CompletableFuture<Void> process(Exchange exchange) {
        MessageConfiguration message = MessageConfiguration.bind(exchange, endpoint.getConfiguration());
        VideoInferenceRequest request = submission.prepare(exchange, requests.create(exchange, message));
        VideoTaskTracker tracker = endpoint.services().tracker();
        boolean webhook = request.webhookURL() != null;
        WaitPolicy wait = waitPolicy(message, webhook);
        Instant deadline = Instant.now().plus(wait.timeout());
        AtomicBoolean settled = new AtomicBoolean();
        // with a webhook, the wait starts before the submit: a fast result must find it
        CompletableFuture<TaskStatus> done = webhook ? track(exchange, tracker, request, wait) : null;
        CompletableFuture<SubmitAck> submitted;
        try {
            submitted = submission.submit(exchange, request, settled);
        } catch (RuntimeException invalid) {
            if (done != null) {
                done.cancel(false);
            }
            throw invalid;
        }
        submitted.whenComplete((ack, failure) -> {
            if (failure != null && done != null) {
                done.cancel(false);
            }
        });
        CompletableFuture<TaskStatus> finished = submitted.thenCompose(ack -> {
            LOG.info("Seedance task {} {}: {} result(s) of {}{}", ack.taskUUID(),
                    ack.alreadySubmitted() ? "resumed" : "submitted", request.expectedResults(), request.model(),
                    webhook ? ", waiting for its webhook" : "");
            return (done != null ? done : track(exchange, tracker, request, wait))
                    .whenComplete((status, failure) -> settleOnWaitFailure(exchange, failure, settled));
        });
        CompletableFuture<Void> delivered = finished.thenCompose(status -> delivery.deliverTask(exchange, status,
                request.outputFormat(), message.options(), deadline).whenComplete((ignored, failure) -> {
                    if (failure == null || !isTransient(failure)) {
                        settled.set(true);
                    }
                }));
        return withTaskUUID(exchange, delivered, request.taskUUID());
    }

    /**
     * A wait that ended with the task's own outcome (every result failed, or Runware does not know the task) settles
     * it, and its failed results are reported; the wait running out or being cancelled leaves the task possibly
     * running: its record stays.
     */
    private static void settleOnWaitFailure(Exchange exchange, Throwable failure, AtomicBoolean settled) {
        if (failure == null) {
            return;
        }
        Throwable cause = SeedanceProducer.unwrap(failure);
        boolean mayStillRun = cause instanceof CancellationException
                              || cause instanceof RunwareTimeoutException timeout && timeout.isClientWait();
        if (!mayStillRun && cause instanceof RunwareException taskFailure) {
            settled.set(true);
            VideoDelivery.reportFailures(exchange, VideoDelivery.failuresOf(taskFailure));
        }
    }

    /**
     * A delivery failure that trying again later may not have (a network error, a server error): the task's videos may
     * still be delivered. A partial failure delivered its videos; an expired video is gone.
     */
    private static boolean isTransient(Throwable failure) {
        Throwable cause = SeedanceProducer.unwrap(failure);
        if (cause instanceof SeedancePartialFailureException) {
            return false;
        }
        return !(cause instanceof RunwareException runware) || runware.retryable();
    }

    /** Every failure after the submit was tried names the task, on the exception and in the task UUID header. */
    static CompletableFuture<Void> withTaskUUID(Exchange exchange, CompletableFuture<Void> work, String taskUUID) {
        return work.handle((ignored, failure) -> {
            if (failure == null) {
                return CompletableFuture.<Void> completedFuture(null);
            }
            exchange.getMessage().setHeader(SeedanceConstants.TASK_UUID, taskUUID);
            Throwable cause = SeedanceProducer.unwrap(failure);
            return CompletableFuture.<Void> failedFuture(cause instanceof RunwareException runware
                    ? runware.aboutTask(taskUUID) : cause);
        }).thenCompose(future -> future);
    }

    private static CompletableFuture<TaskStatus> track(Exchange exchange, VideoTaskTracker tracker,
                                                       VideoInferenceRequest request, WaitPolicy wait) {
        return tracker.track(request.taskUUID(), request.expectedResults(), wait, status -> progress(exchange, status));
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

    static void progress(Exchange exchange, TaskStatus status) {
        Message message = exchange.getMessage();
        message.setHeader(SeedanceConstants.STATUS, status.state().apiName());
        message.setHeader(SeedanceConstants.PROGRESS, status.progress());
        LOG.debug("Seedance task {} {} {}% ({} result(s) ready)", status.taskUUID(), status.state(),
                status.progress(), status.items().size());
    }
}
