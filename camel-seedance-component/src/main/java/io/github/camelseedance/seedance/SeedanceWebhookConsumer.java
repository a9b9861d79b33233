package io.github.camelseedance.seedance;

import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.seedance.operation.OutputHeaders;
import io.github.camelseedance.seedance.operation.VideoDelivery;
import io.github.camelseedance.seedance.webhook.WebhookReceiver;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from("seedance:webhook")}: a new exchange for each result Runware delivers to the component's webhook for a
 * task that no exchange is waiting for (one submitted with {@code seedance:submit}, possibly on another instance that
 * shares the task repository, or one resumed after a restart). The exchange carries the same body and headers as
 * {@code generate} gives. A failed task reaches the route as the exchange's exception. When the route fails, the
 * failure goes to this consumer's exception handler and Runware is answered 500, so it delivers again. A component
 * has at most one such consumer: a second one fails to start.
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
        WebhookReceiver receiver = getEndpoint().getComponent().runtime().webhookReceiver();
        receiver.register(this);
        receiver.listenOnceStarted();
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().runtime().webhookReceiver().unregister(this);
        super.doStop();
    }

    /**
     * Routes the result of one of the component's tasks.
     *
     * @return           {@code false} when the task is not one of the component's (not routed)
     * @throws Exception when the download or the route failed (after the exception handler had it)
     */
    public boolean deliver(TaskStatus status) throws Exception {
        TaskJournal journal = getEndpoint().getComponent().runtime().taskJournal();
        TaskRecord task = journal.get(status.taskUUID());
        if (task == null) {
            return false;
        }
        Exchange exchange = createExchange(false);
        try {
            OutputHeaders.writeTaskUUID(exchange, task.taskUUID());
            if (task.fileName() != null) {
                exchange.getMessage().setHeader(Exchange.FILE_NAME, task.fileName());
            }
            if (status.state() == TaskState.ERROR) {
                exchange.getMessage().setHeader(SeedanceConstants.STATUS, "error");
                exchange.setException(status.error());
            } else {
                download(exchange, status, task);
            }
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
            settle(journal, task, status);
            return true;
        } catch (Exception e) {
            getExceptionHandler().handleException("Routing the result of Seedance task " + task.taskUUID()
                                                  + " failed; Runware delivers it again",
                    exchange, e);
            throw e;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void download(Exchange exchange, TaskStatus status, TaskRecord task) throws Exception {
        try {
            int alreadyDelivered = getEndpoint().getComponent().runtime().taskJournal().deliveredCount(task.taskUUID());
            delivery.deliver(exchange, task.taskUUID(), status.items(), task.outputFormat(),
                    getEndpoint().getConfiguration().isDownloadVideo(), task.expectedResults(),
                    alreadyDelivered).get();
        } catch (ExecutionException e) {
            throw SeedanceProducer.unwrap(e) instanceof Exception cause ? cause : e;
        }
        if (task.expectedResults() > 1) {
            exchange.getMessage().setHeader(SeedanceConstants.RESULT_COUNT, task.expectedResults());
        }
    }

    /** A task whose every result (or its failure) was routed is done. */
    private static void settle(TaskJournal journal, TaskRecord task, TaskStatus status) {
        List<String> delivered = journal.markDelivered(task.taskUUID(), status);
        if (status.state() == TaskState.ERROR || delivered.size() >= task.expectedResults()) {
            journal.remove(task.taskUUID());
            LOG.debug("Task {} fully delivered by webhook", task.taskUUID());
        }
    }
}
