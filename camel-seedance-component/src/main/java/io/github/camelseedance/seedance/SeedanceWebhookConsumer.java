package io.github.camelseedance.seedance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;

import io.github.camelseedance.runware.model.FailedResult;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.seedance.operation.OutputHeaders;
import io.github.camelseedance.seedance.operation.VideoDelivery;
import io.github.camelseedance.seedance.webhook.WebhookReceiver;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.UnitOfWorkHelper;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from("seedance:webhook")}: a new exchange for each result Runware delivers to the component's webhook for a
 * task that no exchange is waiting for (one submitted with {@code seedance:submit}, possibly on another instance that
 * shares the task store, or one resumed after a restart). The exchange carries the same body and headers as
 * {@code generate} gives, and its results are charged to their budget at their real cost, as generate's are. Results
 * are taken once: the task journal records each one delivered, so a redelivered or
 * resumed result is not routed twice. A failed result is recorded; it reaches the route, as the exchange's exception,
 * when it is the last result of a task none of whose results succeeded. With {@code partialFailure=fail}, a video
 * delivered with failed siblings reaches the route with a {@link SeedancePartialFailureException}. When the route
 * fails, the failure goes to this consumer's exception handler and Runware is answered 500, so it delivers again. A
 * component has at most one such consumer: a second one fails to start.
 */
public class SeedanceWebhookConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(SeedanceWebhookConsumer.class);

    private final VideoDelivery delivery;

    public SeedanceWebhookConsumer(SeedanceEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.delivery = new VideoDelivery(endpoint);
    }

    @Override
    public SeedanceEndpoint getEndpoint() {
        return (SeedanceEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SeedanceComponent component = getEndpoint().getComponent();
        WebhookReceiver receiver = component.runtime().webhookReceiver();
        receiver.register(this);
        if (component.isWebhookMode() || ObjectHelper.isNotEmpty(component.getWebhookToken())) {
            receiver.listenOnceStarted();
        } else {
            LOG.info("seedance:webhook routes the results of resumed and adopted tasks; no webhook is served (set "
                     + "webhookToken, or webhookPublicUrl, to receive Runware's webhooks)");
        }
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().runtime().webhookReceiver().unregister(this);
        super.doStop();
    }

    /**
     * Routes the results of one of the component's tasks that were not delivered yet. Only the instance holding the
     * task's lease routes it (it takes the lease over when it expired); results routed already are not routed again.
     *
     * @return           {@code false} when the task is not one of the component's, or another instance holds it
     *                   (not routed)
     * @throws Exception when the download or the route failed (after the exception handler had it)
     */
    public boolean deliver(TaskStatus status) throws Exception {
        TaskJournal journal = getEndpoint().getComponent().runtime().taskJournal();
        TaskRecord task = journal.get(status.taskUUID());
        if (task == null || !journal.takeOverIfExpired(task.taskUUID())) {
            return false;
        }
        if (journal.isBusy(task.taskUUID())) {
            // an exchange here (redelivered work) waits for this task: the result is its own
            journal.leaseArrived(task.taskUUID());
            return true;
        }
        TaskJournal.DeliveredResults before = journal.delivered(task.taskUUID());
        List<VideoItem> videos = status.items().stream().filter(v -> !before.contains(v.resultKey())).toList();
        List<FailedResult> failures = status.failures().stream().filter(f -> !before.contains(f.resultKey()))
                .toList();
        int finished = before.count() + videos.size() + failures.size();
        if (videos.isEmpty() && failures.isEmpty()) {
            LOG.debug("Results of task {} were delivered already", task.taskUUID());
            return true;
        }
        if (!journal.confirmLease(task.taskUUID())) {
            return false;
        }
        getEndpoint().getComponent().runtime().costGuard().settle(task.taskUUID(), task.model(), videos,
                finished >= task.expectedResults());
        if (videos.isEmpty() && (!before.succeeded().isEmpty() || finished < task.expectedResults())) {
            LOG.warn("A result of Seedance task {} failed ({}); {} of {} results are in, the others are routed as they"
                     + " arrive",
                    task.taskUUID(), failures.get(0).error().getMessage(), finished,
                    task.expectedResults());
            settle(journal, task, status);
            return true;
        }
        route(task, new TaskStatus(task.taskUUID(), status.state(), status.progress(), videos, failures,
                status.error()), before.succeeded().size());
        settle(journal, task, status);
        return true;
    }

    private void route(TaskRecord task, TaskStatus status, int alreadyDelivered) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            OutputHeaders.writeTaskUUID(exchange, task.taskUUID());
            if (task.fileName() != null) {
                exchange.getMessage().setHeader(Exchange.FILE_NAME, task.fileName());
            }
            VideoDelivery.reportFailures(exchange, status.failures().stream().map(FailedResult::error).toList());
            if (status.items().isEmpty()) {
                exchange.getMessage().setHeader(SeedanceConstants.STATUS, TaskState.ERROR.apiName());
                exchange.setException(status.failures().get(0).error());
            } else {
                try {
                    download(exchange, status, task, alreadyDelivered);
                } catch (Exception e) {
                    // never routed, so no unit of work runs what the delivered videos left to do at the end
                    List<Synchronization> pending = exchange.getExchangeExtension().handoverCompletions();
                    if (pending != null) {
                        UnitOfWorkHelper.doneSynchronizations(exchange, pending);
                    }
                    throw e;
                }
            }
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
        } catch (Exception e) {
            getExceptionHandler().handleException("Routing the result of Seedance task " + task.taskUUID()
                                                  + " failed; Runware delivers it again",
                    exchange, e);
            throw e;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void download(Exchange exchange, TaskStatus status, TaskRecord task, int alreadyDelivered)
            throws Exception {
        SeedanceConfiguration options = getEndpoint().getConfiguration();
        Instant deadline = Instant.now().plus(Duration.ofMillis(options.getWaitTimeout()));
        try {
            delivery.deliver(exchange, task.taskUUID(), status.items(), task.outputFormat(),
                    options, task.expectedResults(), alreadyDelivered, deadline).get();
        } catch (ExecutionException e) {
            throw SeedanceProducer.unwrap(e) instanceof Exception cause ? cause : e;
        }
        if (task.expectedResults() > 1) {
            exchange.getMessage().setHeader(SeedanceConstants.RESULT_COUNT, task.expectedResults());
        }
        if (!status.failures().isEmpty() && options.getPartialFailure() == SeedancePartialFailure.fail) {
            exchange.setException(new SeedancePartialFailureException(task.taskUUID(), videosOf(exchange),
                    status.failures()));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<SeedanceVideo> videosOf(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof SeedanceVideo video ? List.of(video) : (List<SeedanceVideo>) body;
    }

    /** Records the results taken; a task whose every result was delivered or failed is done. */
    private static void settle(TaskJournal journal, TaskRecord task, TaskStatus status) {
        if (journal.markDelivered(task.taskUUID(), status).count() >= task.expectedResults()) {
            journal.remove(task.taskUUID());
            LOG.debug("Task {} fully delivered by webhook", task.taskUUID());
        }
    }
}
