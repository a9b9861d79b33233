package io.github.camelseedance.seedance.operation;

import java.util.List;

import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.rules.Violation;
import org.apache.camel.util.StringHelper;

/**
 * Input errors found by the Camel layer (a header of the wrong type, no size for an aspect ratio, a missing task
 * UUID): the same validation exception the client raises, so one {@code onException} handles both, and nothing is
 * sent.
 */
final class InvalidInput {

    private InvalidInput() {
    }

    static RunwareValidationException of(String parameter, Object value, String allowed) {
        return new RunwareValidationException(null, List.of(violation(parameter, value, allowed)));
    }

    static Violation violation(String parameter, Object value, String allowed) {
        String message = value == null
                ? parameter + " is missing; allowed: " + allowed
                : parameter + " has the value '" + StringHelper.limitLength(String.valueOf(value), 100) + "'; allowed: "
                  + allowed;
        String code = value == null ? "missingParameter" : "invalidParameterValue";
        return new Violation(code, List.of(parameter), value, allowed, message);
    }
}
