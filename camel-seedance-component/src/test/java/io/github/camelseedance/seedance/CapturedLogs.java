package io.github.camelseedance.seedance;

import java.io.StringWriter;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything logged while it is open at a level or above, messages and stack traces: what a test searches for secrets.
 */
final class CapturedLogs implements AutoCloseable {

    private final StringWriter text = new StringWriter();
    private final LoggerContext context = LoggerContext.getContext(false);
    private final WriterAppender appender;
    private final Level rootLevel;

    /** Captures every level. */
    CapturedLogs() {
        this(Level.ALL);
    }

    /** Captures {@code level} and above. */
    CapturedLogs(Level level) {
        Configuration configuration = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("captured-" + System.nanoTime()).setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c - %m%n%ex").build()).build();
        appender.start();
        LoggerConfig root = configuration.getRootLogger();
        rootLevel = root.getLevel();
        root.addAppender(appender, level, null);
        root.setLevel(level);
        context.updateLoggers();
    }

    /** What was logged so far. */
    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(appender.getName());
        root.setLevel(rootLevel);
        context.updateLoggers();
        appender.stop();
    }
}
