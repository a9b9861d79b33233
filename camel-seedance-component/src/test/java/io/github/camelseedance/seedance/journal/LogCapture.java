package io.github.camelseedance.seedance.journal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Collects what one class logs while it is open, with the logging MDC of each line. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<LogLine> lines = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        super("capture-" + logger.getName(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = logger;
    }

    public static LogCapture of(Class<?> type) {
        LogCapture capture = new LogCapture((Logger) LogManager.getLogger(type));
        capture.start();
        capture.logger.addAppender(capture);
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        messages.add(event.getMessage().getFormattedMessage());
        lines.add(new LogLine(event.getLevel().name(), event.getMessage().getFormattedMessage(),
                Map.copyOf(event.getContextData().toMap())));
    }

    public List<String> messages() {
        return messages;
    }

    /** @return every line with its level and MDC */
    public List<LogLine> lines() {
        return lines;
    }

    /**
     * One line logged.
     *
     * @param level   its level
     * @param message its text
     * @param mdc     the logging MDC when it was logged
     */
    public record LogLine(String level, String message, Map<String, String> mdc) {
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        stop();
    }
}
