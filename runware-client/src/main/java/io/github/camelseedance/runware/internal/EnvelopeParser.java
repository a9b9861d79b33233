package io.github.camelseedance.runware.internal;

import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a Runware answer body into a {@link RunwareResponse}: {@code data} and/or {@code errors}, the legacy singular
 * {@code error} (an object, an array or a plain string). A non-JSON body of a failed request (a proxy's HTML page)
 * becomes one error without a code; a non-JSON body of a successful request is malformed.
 */
public final class EnvelopeParser {

    private static final int BODY_EXCERPT = 200;

    private EnvelopeParser() {
    }

    /**
     * Parses an answer.
     *
     * @param  status                     the HTTP status
     * @param  headers                    the response headers
     * @param  body                       the body text
     * @return                            the envelope
     * @throws RunwareConnectionException when a successful answer's body is not a JSON envelope
     */
    public static RunwareResponse parse(int status, Map<String, List<String>> headers, String body) {
        Object json;
        try {
            json = body == null || body.isBlank() ? null : Json.read(body);
        } catch (IOException e) {
            return unparsable(status, headers, body, e);
        }
        Map<String, Object> envelope = Json.object(json);
        if (envelope == null) {
            return unparsable(status, headers, body, null);
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (Object item : Json.list(envelope.get("data"))) {
            Map<String, Object> object = Json.object(item);
            if (object != null) {
                data.add(object);
            }
        }
        List<RunwareError> errors = new ArrayList<>();
        addErrors(errors, envelope.get("errors"));
        addErrors(errors, envelope.get("error"));
        return new RunwareResponse(status, data, errors, headers);
    }

    private static void addErrors(List<RunwareError> errors, Object value) {
        for (Object entry : Json.list(value)) {
            Map<String, Object> object = Json.object(entry);
            if (object != null) {
                errors.add(RunwareError.fromMap(object));
            } else if (entry != null) {
                errors.add(RunwareError.of(null, entry.toString(), null));
            }
        }
    }

    private static RunwareResponse unparsable(int status, Map<String, List<String>> headers, String body,
                                              IOException cause) {
        String excerpt = body == null ? "" : Abbreviation.of(body.length() > BODY_EXCERPT
                ? body.substring(0, BODY_EXCERPT) : body);
        if (status >= 200 && status < 300) {
            throw new RunwareConnectionException("Malformed Runware answer (HTTP " + status + "): " + excerpt, null,
                    status, cause);
        }
        return new RunwareResponse(status, List.of(),
                body == null || body.isBlank() ? List.of() : List.of(RunwareError.of(null, excerpt, null)), headers);
    }
}
