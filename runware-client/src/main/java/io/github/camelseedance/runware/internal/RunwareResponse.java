package io.github.camelseedance.runware.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;

/**
 * A Runware answer: its HTTP status, its {@code data} items and its errors, the singular {@code error} form
 * ({@code {"error":{...},"taskUUID":...,"taskType":...}}, the task's identity beside the error) read into the same
 * list with that identity.
 *
 * @param httpStatus the HTTP status
 * @param data       the {@code data} items (empty when absent)
 * @param errors     the {@code errors} entries and the singular {@code error} (empty when absent)
 */
public record RunwareResponse(int httpStatus, List<ResponseItem> data, List<RunwareError> errors) {

    private static final int BODY_EXCERPT = 200;
    /** Reads envelopes, its deserializer found once. */
    private static final ObjectReader ENVELOPE = Json.mapper().readerFor(Envelope.class);

    /**
     * Makes the reader of answers now (Jackson's deserializers of the envelope and its items, found as this class is
     * initialised), so that the first answer a client reads does not wait for them.
     */
    public static void prepareReader() {
        // initialising the class made ENVELOPE
    }

    /**
     * The envelope as Jackson reads it.
     *
     * @param data     the {@code data} items
     * @param errors   the {@code errors} entries
     * @param error    the singular {@code error}: an object, an array or a text
     * @param taskUUID the task beside a singular {@code error}
     * @param taskType the task type beside a singular {@code error}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Envelope(List<ResponseItem> data, List<RunwareError> errors, List<RunwareError> error,
                           String taskUUID, String taskType) {

        /** @return the envelope as a successful response (the response kept by getTaskDetails) */
        public RunwareResponse asResponse() {
            return withStatus(200);
        }

        private RunwareResponse withStatus(int httpStatus) {
            List<RunwareError> all = new ArrayList<>();
            if (errors != null) {
                all.addAll(errors);
            }
            if (error != null) {
                error.forEach(e -> all.add(e.taskUUID() == null && taskUUID != null ? e.about(taskType, taskUUID) : e));
            }
            return new RunwareResponse(httpStatus, data, all);
        }
    }

    /** Copies the lists so the response is immutable. */
    public RunwareResponse {
        data = data == null ? List.of() : data.stream().filter(item -> item != null).toList();
        errors = errors == null ? List.of() : errors.stream().filter(error -> error != null).toList();
    }

    /**
     * Reads an answer. A body that is not a JSON envelope of a failed request (a proxy's HTML page) becomes one error
     * without a code; of a successful request it is malformed.
     *
     * @param  status                     the HTTP status
     * @param  body                       the body text
     * @return                            the response
     * @throws RunwareConnectionException when a successful answer's body is not a JSON envelope
     */
    public static RunwareResponse parse(int status, String body) {
        return parse(status, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads an answer from its bytes, as {@link #parse(int, String)} from its text: straight from the UTF-8 bytes (as
     * the client receives it), with no text made of them unless the answer is unparsable.
     *
     * @param  status                     the HTTP status
     * @param  body                       the body, UTF-8
     * @return                            the response
     * @throws RunwareConnectionException when a successful answer's body is not a JSON envelope
     */
    public static RunwareResponse parse(int status, byte[] body) {
        if (body == null || isBlank(body)) {
            return unparsable(status, body == null ? null : new String(body, StandardCharsets.UTF_8), null);
        }
        try {
            Envelope envelope = ENVELOPE.readValue(body);
            return envelope == null
                    ? unparsable(status, new String(body, StandardCharsets.UTF_8), null)
                    : envelope.withStatus(status);
        } catch (IOException e) {
            return unparsable(status, new String(body, StandardCharsets.UTF_8), e);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static RunwareResponse unparsable(int status, String body, IOException cause) {
        String excerpt = body == null
                ? ""
                : Abbreviation.of(body.length() > BODY_EXCERPT
                        ? body.substring(0, BODY_EXCERPT)
                        : body);
        if (status >= 200 && status < 300) {
            throw new RunwareConnectionException("Malformed Runware answer (HTTP " + status + "): " + excerpt, null,
                    status, cause);
        }
        return new RunwareResponse(status, List.of(),
                body == null || body.isBlank() ? List.of() : List.of(RunwareError.ofText(excerpt)));
    }

    /**
     * @return the failure of the request as a whole when its status says it failed (4xx, 5xx): its first error's, or
     *         the status's; empty for a 2xx answer
     */
    public Optional<RunwareException> requestFailure() {
        if (httpStatus < 400) {
            return Optional.empty();
        }
        return Optional.of(RunwareException.from(errors.isEmpty() ? null : errors.get(0), httpStatus));
    }

    /** @return the error about that task, or about the whole request, if any */
    public Optional<RunwareError> errorFor(String taskUUID) {
        return errors.stream().filter(e -> e.taskUUID() == null || e.taskUUID().equals(taskUUID)).findFirst();
    }

    /**
     * The one data item answering a task (a submit, a dry run, an upload).
     *
     * @param  taskUUID         the task
     * @return                  its item (or the only item of the answer)
     * @throws RunwareException the classified error about that task or the request, or a
     *                          {@link RunwareConnectionException} when the answer holds neither
     */
    public ResponseItem itemFor(String taskUUID) {
        Optional<RunwareError> error = errorFor(taskUUID);
        if (error.isPresent()) {
            throw RunwareException.from(error.get(), httpStatus);
        }
        Optional<ResponseItem> item = data.stream().filter(d -> taskUUID.equals(d.taskUUID())).findFirst()
                .or(() -> data.size() == 1 ? Optional.of(data.get(0)) : Optional.empty());
        if (item.isPresent()) {
            return item.get();
        }
        throw requestFailure().orElseGet(() -> new RunwareConnectionException("Runware answer (HTTP " + httpStatus
                                                                              + ") holds nothing about task "
                                                                              + taskUUID,
                RunwareError.of(null, null, taskUUID), httpStatus, null));
    }
}
