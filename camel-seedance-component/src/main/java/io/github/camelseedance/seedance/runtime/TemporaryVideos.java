package io.github.camelseedance.seedance.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a downloaded video file lives: until the exchange that owns it completes, successfully or not.
 * <p>
 * A Kamelet runs its route on a correlated copy of the caller's exchange, and that copy completes before the caller
 * goes on with the copy's body. So the files of a Kamelet's copy pass to the exchange that called the Kamelet (the
 * copy's {@link ExchangePropertyKey#CORRELATION_ID}) and are deleted when that one completes, which an event notifier
 * observes (registered on the first hand-over, so nothing changes for routes without Kamelets). Nested Kamelets hand
 * the files on, caller by caller. The video thus goes from the {@code seedance-action} Kamelet to the caller's sink as
 * a file, never read into memory.
 */
public final class TemporaryVideos {

    private static final Logger LOG = LoggerFactory.getLogger(TemporaryVideos.class);

    private final CamelContext context;
    /** The files handed over by Kamelet copies, by the id of the exchange that called the Kamelet. */
    private final Map<String, List<Path>> handedOver = new ConcurrentHashMap<>();
    private final CallerCompletion callerCompletion = new CallerCompletion();
    private volatile boolean listening;

    TemporaryVideos(CamelContext context) {
        this.context = context;
    }

    /** Deletes the file when the exchange completes, or when its caller does if the exchange is a Kamelet's copy. */
    public void bind(Exchange exchange, Path file) {
        exchange.getExchangeExtension().addOnCompletion(new Owner(List.of(file)));
    }

    private void release(Exchange completed, List<Path> files) {
        String caller = kameletCaller(completed);
        if (caller == null) {
            files.forEach(TemporaryVideos::delete);
            return;
        }
        handedOver.merge(caller, files, (waiting, more) -> {
            List<Path> all = new ArrayList<>(waiting);
            all.addAll(more);
            return all;
        });
        listen();
        LOG.debug("Exchange {} ran in a Kamelet: its video files live until exchange {} completes",
                completed.getExchangeId(), caller);
    }

    /** The id of the exchange that called the Kamelet whose route ran this exchange, or null. */
    static String kameletCaller(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        String correlation = exchange.getProperty(ExchangePropertyKey.CORRELATION_ID, String.class);
        return correlation != null && from != null && from.getEndpointUri().startsWith("kamelet:") ? correlation : null;
    }

    private synchronized void listen() {
        if (!listening) {
            ServiceHelper.startService(callerCompletion);
            context.getManagementStrategy().addEventNotifier(callerCompletion);
            listening = true;
        }
    }

    /** Stops listening and deletes the files whose callers never completed. */
    synchronized void stop() {
        if (listening) {
            context.getManagementStrategy().removeEventNotifier(callerCompletion);
            ServiceHelper.stopService(callerCompletion);
            listening = false;
        }
        handedOver.values().forEach(files -> files.forEach(TemporaryVideos::delete));
        handedOver.clear();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete temporary video file {}: {}", file, e.getMessage());
        }
    }

    /** Releases the files of its exchange when that exchange completes. */
    private final class Owner extends SynchronizationAdapter {
        private final List<Path> files;

        Owner(List<Path> files) {
            this.files = files;
        }

        @Override
        public void onDone(Exchange exchange) {
            release(exchange, files);
        }
    }

    /** Releases the files handed over to an exchange when that exchange completes or fails. */
    private final class CallerCompletion extends EventNotifierSupport {

        CallerCompletion() {
            setIgnoreCamelContextEvents(true);
            setIgnoreCamelContextInitEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeSendingEvents(true);
            setIgnoreExchangeSentEvents(true);
            setIgnoreExchangeRedeliveryEvents(true);
            setIgnoreExchangeAsyncProcessingStartedEvents(true);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return !handedOver.isEmpty()
                   && (event instanceof CamelEvent.ExchangeCompletedEvent
                       || event instanceof CamelEvent.ExchangeFailedEvent);
        }

        @Override
        public void notify(CamelEvent event) {
            Exchange exchange = ((ExchangeEvent) event).getExchange();
            List<Path> files = handedOver.remove(exchange.getExchangeId());
            if (files != null) {
                release(exchange, files);
            }
        }
    }
}
