package io.github.camelseedance.simulator;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, checked access to the fields of one JSON object of a task ({@code prefix} names nested objects such as
 * {@code settings.}); every failed check throws {@link InvalidTaskException} with the parameter's own code
 * ({@code missing<Parameter>} / {@code invalid<Parameter>}), its JSON {@code type} and, where they apply,
 * {@code min} / {@code max} / {@code allowedValues}, and a message that names the parameter, the value and what is
 * allowed. JSON {@code null} counts as absent.
 */
final class TaskFields {

    private final Map<String, Object> fields;
    private final String prefix;

    TaskFields(Map<String, Object> fields, String prefix) {
        this.fields = fields;
        this.prefix = prefix;
    }

    String name(String key) {
        return prefix + key;
    }

    boolean has(String key) {
        return fields.get(key) != null;
    }

    void rejectUnknown(Set<String> allowed) {
        for (String key : fields.keySet()) {
            if (!allowed.contains(key)) {
                throw invalid(ErrorCodes.UNKNOWN_PARAMETER, name(key),
                        "Unknown parameter '" + name(key) + "'. Allowed here: " + allowed.stream().sorted().toList());
            }
        }
    }

    String requiredString(String key) {
        if (!has(key)) {
            throw missing(name(key));
        }
        return optionalString(key).orElseThrow();
    }

    Optional<String> optionalString(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw wrongType(name(key), value, "string", "a string");
        }
        return Optional.of(s);
    }

    Optional<String> optionalEnum(String key, List<String> allowed) {
        Optional<String> value = optionalString(key);
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw new InvalidTaskException(RunwareError.of(ErrorCodes.invalid(name(key)),
                    "Invalid value for '" + name(key) + "': '" + value.get() + "'. Allowed values: " + allowed)
                    .parameter(name(key)).type("string").allowedValues(allowed));
        }
        return value;
    }

    /** An integer within {@code min..max} ({@code max} {@link Integer#MAX_VALUE} means unbounded). */
    Optional<Integer> optionalInt(String key, int min, int max) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        boolean integral = value instanceof Integer || value instanceof Long;
        long number = integral ? ((Number) value).longValue() : 0;
        if (!integral || value instanceof BigInteger || number < min || number > max) {
            String range = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
            throw new InvalidTaskException(RunwareError.of(ErrorCodes.invalid(name(key)),
                    "Invalid value for '" + name(key) + "': " + value + ". It must be " + range + ".")
                    .parameter(name(key)).type("integer").range(min, max == Integer.MAX_VALUE ? null : max));
        }
        return Optional.of((int) number);
    }

    Optional<Boolean> optionalBoolean(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean b)) {
            throw wrongType(name(key), value, "boolean", "true or false");
        }
        return Optional.of(b);
    }

    @SuppressWarnings("unchecked")
    Optional<TaskFields> optionalObject(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw wrongType(name(key), value, "object", "an object");
        }
        return Optional.of(new TaskFields((Map<String, Object>) map, name(key) + "."));
    }

    @SuppressWarnings("unchecked")
    Optional<List<Object>> optionalList(String key, int minItems, int maxItems) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(name(key), value, "array", "an array");
        }
        if (list.size() < minItems || list.size() > maxItems) {
            throw new InvalidTaskException(RunwareError.of(ErrorCodes.invalid(name(key)),
                    "Invalid value for '" + name(key) + "': " + list.size() + " items. It must hold "
                                                                                          + minItems + " to " + maxItems
                                                                                          + " items.")
                    .parameter(name(key)).type("array").range(minItems, maxItems));
        }
        return Optional.of((List<Object>) list);
    }

    /** {@code missing<Parameter>}: a required parameter is absent. */
    static InvalidTaskException missing(String parameter) {
        return invalid(ErrorCodes.missing(parameter), parameter, "Missing required parameter '" + parameter + "'.");
    }

    /** {@code invalid<Parameter>} with that message. */
    static InvalidTaskException invalidValue(String parameter, String message) {
        return invalid(ErrorCodes.invalid(parameter), parameter, message);
    }

    static InvalidTaskException invalid(String code, Object parameter, String message) {
        return new InvalidTaskException(RunwareError.of(code, message).parameter(parameter));
    }

    private static InvalidTaskException wrongType(String parameter, Object value, String type, String what) {
        return new InvalidTaskException(RunwareError.of(ErrorCodes.invalid(parameter),
                "Invalid value for '" + parameter + "': " + value + ". It must be " + what + ".")
                .parameter(parameter).type(type));
    }
}
