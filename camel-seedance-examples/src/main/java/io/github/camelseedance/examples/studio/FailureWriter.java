package io.github.camelseedance.examples.studio;

import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Writes {@code failed/<input name>.error.txt} with the error text, what was asked and where the input went. The input
 * itself moves to {@code inbox/.done} like any other.
 */
final class FailureWriter implements Processor {

    private final Path failed;
    private final StudioConsole console;

    FailureWriter(Path failed, StudioConsole console) {
        this.failed = failed;
        this.console = console;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String input = exchange.getProperty(PromptReader.INPUT, String.class);
        if (input == null) {
            input = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        }
        StringBuilder text = new StringBuilder();
        text.append("Input:  ").append(input).append(" (moved to .done in the inbox)\n");
        text.append("Failed: ").append(Instant.now()).append('\n');
        text.append("Error:  ").append(describe(error)).append('\n');
        Object prompt = exchange.getProperty(PromptReader.PROMPT);
        if (prompt != null) {
            text.append("Prompt: ").append(prompt).append('\n');
        }
        Object options = exchange.getProperty(PromptReader.OPTIONS);
        if (options != null) {
            text.append("Options: ").append(options).append('\n');
        }
        Files.createDirectories(failed);
        Path file = failed.resolve(input + ".error.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        console.say("  FAILED %s: %s%n    see %s", input, describe(error), file);
        console.inputFailed();
    }

    static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        StringBuilder text = new StringBuilder(error.getClass().getSimpleName()).append(": ")
                .append(error.getMessage());
        if (error instanceof RunwareValidationException validation && validation.violations().size() > 1) {
            validation.violations().forEach(v -> text.append("\n  - ").append(v));
        } else if (error instanceof RunwareException runware && runware.code() != null
                   && !String.valueOf(error.getMessage()).contains(runware.code())) {
            text.append(" [").append(runware.code()).append(']');
        }
        return text.toString();
    }
}
