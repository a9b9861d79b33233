package io.github.camelseedance.examples.studio;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runware could not be reached (after the component's own retries and the studio's): the input is not handled, so
 * the inbox consumer rolls it back and it stays in the inbox, to be tried again at the next scan. Says so, naming
 * the host and the cause; writes nothing to the failed folder and moves nothing to {@code .done}.
 */
final class PutBack implements Processor {

    private final StudioConsole console;
    private final StudioJobs jobs;
    private final String baseUrl;

    PutBack(StudioConsole console, StudioJobs jobs, String baseUrl) {
        this.console = console;
        this.jobs = jobs;
        this.baseUrl = baseUrl;
    }

    @Override
    public void process(Exchange exchange) {
        String input = FailureWriter.input(exchange);
        String reason = FailureWriter.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class),
                baseUrl);
        jobs.putBack(exchange.getProperty(PromptReader.JOB_ID, String.class), reason);
        console.say("  NOT SENT %s: %s%n    %s stays in the inbox and is tried again at the next scan.", input, reason,
                input);
        console.inputPutBack();
    }
}
