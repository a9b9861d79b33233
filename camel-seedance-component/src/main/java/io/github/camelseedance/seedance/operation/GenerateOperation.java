package io.github.camelseedance.seedance.operation;

import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceEndpoint;
import io.github.camelseedance.seedance.SeedanceProducer;
import io.github.camelseedance.seedance.runtime.SeedanceRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * generate: submit the task (exactly once), wait for it on the component's shared poll loop or for its webhook (no
 * thread held), then download the video(s) onto the exchange; all of it within waitTimeout, counted from the moment
 * the exchange arrives: the submit's retries, the wait and the download each end at that deadline.
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
        VideoInferenceRequest request = submission.prepare(exchange,
                requests.create(exchange, message, message.waitViolations()));
        VideoTaskTracker tracker = endpoint.services().tracker();
        SeedanceRuntime runtime = endpoint.getComponent().runtime();
        boolean webhook = request.webhookURL() != null;
        Duration waitTimeout = Duration.ofMillis(message.options().getWaitTimeout());
        Instant deadline = Instant.now().plus(waitTimeout);
        WaitPolicy wait = waitPolicy(message, webhook);
        // with a webhook, the wait starts before the submit: a fast result must find it, and until the submit is
        // acknowledged a poll answering not found only means the task has not reached Runware yet
        CompletableFuture<SubmitAck> acknowledged = new CompletableFuture<>();
        if (webhook) {
            runtime.claimResumedTask(request.taskUUID());
        }
        CompletableFuture<TaskStatus> done = webhook
                ? tracker.trackBeforeSubmit(request.taskUUID(), request.expectedResults(), wait,
                        status -> progress(exchange, status), acknowledged)
                : null;
        CompletableFuture<Void> generated = submission.submit(exchange, request, true, deadline)
                .whenComplete((ack, failure) -> {
                    if (failure == null) {
                        acknowledged.complete(ack);
                    } else if (done != null) {
                        done.cancel(false);
                    }
                })
                .thenCompose(ack -> {
                    LOG.info("Seedance task {} {}: {} result(s) of {}{}", ack.taskUUID(),
                            ack.alreadySubmitted() ? "resumed" : "submitted", request.expectedResults(),
                            request.model(), webhook ? ", waiting for its webhook" : "");
                    if (done != null) {
                        return done;
                    }
                    runtime.claimResumedTask(ack.taskUUID());
                    return track(exchange, tracker, request, until(wait, deadline));
                })
                .thenCompose(status -> delivery.deliver(exchange, status.taskUUID(), status.items(),
                        request.outputFormat(), message.options().isDownloadVideo(), deadline));
        return generated.exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                pastDeadline(failure, request.taskUUID(), waitTimeout, deadline)));
    }

    /** The wait, ending at the exchange's deadline (what the submit left of waitTimeout). */
    private static WaitPolicy until(WaitPolicy wait, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return new WaitPolicy(wait.initialDelay(), wait.interval(), wait.multiplier(), wait.maxInterval(),
                left.isNegative() ? Duration.ZERO : left);
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
        message.setHeader(SeedanceConstants.STATUS, StatusOperation.statusText(status.state()));
        message.setHeader(SeedanceConstants.PROGRESS, status.progress());
        LOG.debug("Seedance task {} {} {}% ({} result(s) ready)", status.taskUUID(), status.state(),
                status.progress(), status.items().size());
    }
}
