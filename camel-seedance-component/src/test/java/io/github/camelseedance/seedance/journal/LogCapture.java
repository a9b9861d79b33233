package io.github.camelseedance.seedance.journal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Collects what one class logs while it is open. */
final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        super("capture-" + logger.getName(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = logger;
    }

    static LogCapture of(Class<?> type) {
        LogCapture capture = new LogCapture((Logger) LogManager.getLogger(type));
        capture.start();
        capture.logger.addAppender(capture);
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        messages.add(event.getMessage().getFormattedMessage());
    }

    List<String> messages() {
        return messages;
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        stop();
    }
}
