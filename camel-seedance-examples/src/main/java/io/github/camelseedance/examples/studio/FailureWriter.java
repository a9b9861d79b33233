package io.github.camelseedance.examples.studio;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Writes {@code failed/<input name>.error.txt} with the error text, what was asked and where the input went, and
 * marks the input failed in {@link StudioJobs} with the parameters the error names. The input itself moves to
 * {@code inbox/.done} like any other, from where the page's "try again" drops it back.
 */
final class FailureWriter implements Processor {

    private final Path failed;
    private final StudioConsole console;
    private final StudioJobs jobs;
    private final String baseUrl;

    FailureWriter(Path failed, StudioConsole console, StudioJobs jobs, String baseUrl) {
        this.failed = failed;
        this.console = console;
        this.jobs = jobs;
        this.baseUrl = baseUrl;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String input = input(exchange);
        String base = exchange.getProperty(PromptReader.BASE_NAME, String.class);
        String doneName = exchange.getProperty(PromptReader.DONE_NAME, input, String.class);
        String reason = describe(error, baseUrl);
        StringBuilder text = new StringBuilder();
        text.append("Input:  ").append(input).append(" (moved to ").append(".done/").append(doneName)
                .append(" in the inbox)\n");
        text.append("Failed: ").append(Instant.now()).append('\n');
        text.append("Error:  ").append(reason).append('\n');
        Object prompt = exchange.getProperty(PromptReader.PROMPT);
        if (prompt != null) {
            text.append("Prompt: ").append(prompt).append('\n');
        }
        Object options = exchange.getProperty(PromptReader.OPTIONS);
        if (options != null) {
            text.append("Options: ").append(options).append('\n');
        }
        Files.createDirectories(failed);
        Path file = failed.resolve((base == null ? input : doneName) + ".error.txt");
        // written aside and renamed: whoever watches failed/ never reads a half-written error file
        Path partial = failed.resolve("." + file.getFileName() + ".partial");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        jobs.failed(input, exchange.getProperty(PromptReader.JOB_ID, String.class), reason, parameters(error),
                doneName);
        console.say("  FAILED %s: %s%n    see %s", input, reason, file);
        console.inputFailed();
    }

    static String input(Exchange exchange) {
        String input = exchange.getProperty(PromptReader.INPUT, String.class);
        return input != null ? input : exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
    }

    /** The parameters of the request that the error names ({@code duration}, {@code resolution}, ...). */
    static List<String> parameters(Throwable error) {
        Set<String> names = new LinkedHashSet<>();
        if (error instanceof RunwareValidationException validation && !validation.violations().isEmpty()) {
            validation.violations().forEach(v -> names.addAll(v.parameters()));
        } else if (error instanceof RunwareException runware) {
            names.addAll(runware.parameters());
        }
        return new ArrayList<>(names);
    }

    /** The error in words: the component's message, every violation, or for a network failure the host and cause. */
    static String describe(Throwable error, String baseUrl) {
        if (error == null) {
            return "unknown error";
        }
        if (error instanceof StudioInputException) {
            return error.getMessage();
        }
        if (error instanceof RunwareConnectionException && error.getCause() != null) {
            return unreachable(error, baseUrl);
        }
        StringBuilder text = new StringBuilder(error.getClass().getSimpleName()).append(": ")
                .append(error.getMessage());
        if (error instanceof RunwareValidationException validation && validation.violations().size() > 1) {
            validation.violations().forEach(v -> text.append("\n  - ").append(v.message()));
        } else if (error instanceof RunwareException runware && runware.code() != null
                   && !String.valueOf(error.getMessage()).contains(runware.code())) {
            text.append(" [").append(runware.code()).append(']');
        }
        return text.toString();
    }

    /** "Cannot reach 127.0.0.1:8089 (...): ConnectException: Connection refused". */
    static String unreachable(Throwable error, String baseUrl) {
        List<String> causes = new ArrayList<>();
        for (Throwable cause = error.getCause(); cause != null && causes.size() < 4; cause = cause.getCause()) {
            String what = cause.getClass().getSimpleName()
                          + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            if (causes.stream().noneMatch(c -> c.equals(what))) {
                causes.add(what);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return "Cannot reach Runware at " + hostOf(baseUrl) + " (" + baseUrl + "): " + String.join(", caused by ",
                causes);
    }

    static String hostOf(String url) {
        try {
            URI uri = URI.create(url);
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getHost() + ":" + port;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
