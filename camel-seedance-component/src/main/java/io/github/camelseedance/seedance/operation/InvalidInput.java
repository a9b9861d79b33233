package io.github.camelseedance.seedance.operation;

import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.rules.Violation;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.rules.Violation;
import java.util.List;


/**
 * Input errors found by the Camel layer (a header of the wrong type, no size for an aspect ratio, a missing task
 * UUID): the same validation exception the client raises, so one {@code onException} handles both, and nothing is
 * sent.
 */
final class InvalidInput {

    private InvalidInput() {
    }

    static RunwareValidationException of(String parameter, Object value, String allowed) {
        String message = value == null
                ? parameter + " is missing; allowed: " + allowed
                : parameter + " has the value '" + value + "'; allowed: " + allowed;
        String code = value == null ? "missingParameter" : "invalidParameterValue";
        return new RunwareValidationException(null, List.of(new Violation(code, List.of(parameter), value, allowed,
                message)));
    }
}
