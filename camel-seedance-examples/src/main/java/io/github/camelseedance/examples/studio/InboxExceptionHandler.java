package io.github.camelseedance.examples.studio;

import io.github.camelseedance.runware.error.RunwareConnectionException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.LoggingExceptionHandler;

/**
 * The inbox consumer's exception handler: an input rolled back because Runware was unreachable has been reported
 * already ({@link PutBack}), so it is not logged again with a stack trace; anything else is logged as Camel does.
 */
final class InboxExceptionHandler implements ExceptionHandler {

    private final ExceptionHandler logging;

    InboxExceptionHandler(CamelContext context) {
        this.logging = new LoggingExceptionHandler(context, StudioRoutes.class);
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (!(exception instanceof RunwareConnectionException)) {
            logging.handleException(message, exchange, exception);
        }
    }
}
