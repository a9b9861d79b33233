package io.github.camelseedance.runware.internal;

import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareError;
import java.util.List;
import java.util.Map;

/**
 * A parsed Runware answer envelope.
 *
 * @param httpStatus the HTTP status
 * @param data       the {@code data} items (empty when absent)
 * @param errors     the {@code errors} (and legacy singular {@code error}) entries (empty when absent)
 * @param headers    the response headers
 */
public record RunwareResponse(int httpStatus, List<Map<String, Object>> data, List<RunwareError> errors,
                              Map<String, List<String>> headers) {

    /** Copies the lists so the response is immutable. */
    public RunwareResponse {
        data = data == null ? List.of() : List.copyOf(data);
        errors = errors == null ? List.of() : List.copyOf(errors);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
