package io.github.camelseedance.runware.rules;

import java.util.List;

/**
 * One rule a request breaks, found before anything is sent.
 *
 * @param code       the Runware error code the API would answer ({@code invalidParameterValue},
 *                   {@code missingParameter}, {@code conflictingParameters}, ...)
 * @param parameters the parameters concerned, named as in the API ({@code inputs.frameImages}, {@code width})
 * @param value      the value given ({@code null} when missing)
 * @param allowed    what is allowed, in words
 * @param message    a sentence naming the parameter, the value given and what is allowed
 */
public record Violation(String code, List<String> parameters, Object value, String allowed, String message) {

    /** Copies the parameter list so the violation is immutable. */
    public Violation {
        parameters = List.copyOf(parameters);
    }
}
