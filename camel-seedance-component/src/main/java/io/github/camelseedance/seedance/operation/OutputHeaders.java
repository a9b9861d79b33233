package io.github.camelseedance.seedance.operation;

import io.github.camelseedance.seedance.SeedanceConstants;
import org.apache.camel.Exchange;

/**
 * Output headers never become the next call's input. {@code CamelSeedanceTaskUUID} is the output of every operation
 * and an input of four: status and download look the task up by it, and generate and submit take it as a task UUID
 * chosen up front. A loop of generates must not read the first one's task UUID back (it would resume the first task
 * and deliver its video under every prompt), so the component remembers, in an exchange property, the task UUID it
 * wrote: generate and submit ignore a header that still holds it. {@code CamelFileName} likewise: the name of the
 * video the component wrote is not the name of an incoming file.
 */
public final class OutputHeaders {

    /** The exchange property holding the task UUID the component last wrote to the header. */
    static final String WRITTEN_TASK_UUID = "CamelSeedanceWrittenTaskUUID";
    /** The exchange property holding the file name the component last wrote to {@code CamelFileName}. */
    static final String WRITTEN_FILE_NAME = "CamelSeedanceWrittenFileName";

    private OutputHeaders() {
    }

    /**
     * Sets the header to the task of an operation, as its output.
     *
     * @param exchange the exchange
     * @param taskUUID the task
     */
    public static void writeTaskUUID(Exchange exchange, String taskUUID) {
        exchange.getMessage().setHeader(SeedanceConstants.TASK_UUID, taskUUID);
        exchange.setProperty(WRITTEN_TASK_UUID, taskUUID);
    }

    /**
     * Sets the header to the task of an operation that goes on (a generate waiting for its task, a submit not yet
     * done), without the mark: the operation's end writes its task UUID as its output ({@link #writeTaskUUID}), on
     * success and on failure, and until then no other step sees the exchange, so a waiting task holds no exchange
     * property (Camel's property map, about 180 bytes per exchange). A transacted exchange's operation works on a copy
     * of it (see {@code SeedanceProducer}): the exchange in flight shows the header only once the operation ended (the
     * component's task monitor lists every task in flight meanwhile), and gets nothing of the copy when it went on
     * early, its waiting thread interrupted.
     *
     * @param exchange the exchange
     * @param taskUUID the task
     */
    static void showTaskUUID(Exchange exchange, String taskUUID) {
        exchange.getMessage().setHeader(SeedanceConstants.TASK_UUID, taskUUID);
    }

    /** The task UUID chosen for this generate or submit: the header, unless the component wrote it. */
    static String chosenTaskUUID(Exchange exchange) {
        return input(exchange, SeedanceConstants.TASK_UUID, WRITTEN_TASK_UUID);
    }

    /** Sets {@code CamelFileName} to the name of a video the component delivered. */
    static void writeFileName(Exchange exchange, String fileName) {
        exchange.getMessage().setHeader(Exchange.FILE_NAME, fileName);
        exchange.setProperty(WRITTEN_FILE_NAME, fileName);
    }

    /** The name of the incoming file ({@code CamelFileName}), unless it is the name of a video the component wrote. */
    static String incomingFileName(Exchange exchange) {
        return input(exchange, Exchange.FILE_NAME, WRITTEN_FILE_NAME);
    }

    private static String input(Exchange exchange, String header, String written) {
        String value = exchange.getMessage().getHeader(header, String.class);
        return value == null || value.equals(exchange.getProperty(written, String.class)) ? null : value;
    }
}
