package io.github.camelseedance.simulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, checked access to the fields of one JSON object of a task ({@code prefix} names nested objects such as
 * {@code settings.}); every failed check throws {@link InvalidTaskException} with a message that names the
 * parameter, the value and what is allowed. JSON {@code null} counts as absent.
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
            throw invalid(ErrorCodes.MISSING_PARAMETER, name(key), "Missing required parameter '" + name(key) + "'.");
        }
        return optionalString(key).orElseThrow();
    }

    Optional<String> optionalString(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw invalid(ErrorCodes.INVALID_PARAMETER_VALUE, name(key),
                    "Invalid value for '" + name(key) + "': " + value + ". It must be a string.");
        }
        return Optional.of(s);
    }

    Optional<String> optionalEnum(String key, List<String> allowed) {
        Optional<String> value = optionalString(key);
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw new InvalidTaskException(RunwareError.of(ErrorCodes.INVALID_PARAMETER_VALUE,
                            "Invalid value for '" + name(key) + "': '" + value.get() + "'. Allowed values: " + allowed)
                    .parameter(name(key)).allowedValues(allowed));
        }
        return value;
    }

    Optional<Integer> optionalInt(String key, int min, int max, String outOfRangeCode) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        boolean integral = value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
        long number = integral ? ((Number) value).longValue() : 0;
        if (!integral || value instanceof java.math.BigInteger || number < min || number > max) {
            String range = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
            throw new InvalidTaskException(RunwareError.of(integral ? outOfRangeCode : ErrorCodes.INVALID_PARAMETER_VALUE,
                            "Invalid value for '" + name(key) + "': " + value + ". It must be " + range + ".")
                    .parameter(name(key)).range(min, max == Integer.MAX_VALUE ? null : max));
        }
        return Optional.of((int) number);
    }

    Optional<Boolean> optionalBoolean(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean b)) {
            throw invalid(ErrorCodes.INVALID_PARAMETER_VALUE, name(key),
                    "Invalid value for '" + name(key) + "': " + value + ". It must be true or false.");
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
            throw invalid(ErrorCodes.INVALID_PARAMETER_VALUE, name(key),
                    "Invalid value for '" + name(key) + "': " + value + ". It must be an object.");
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
            throw invalid(ErrorCodes.INVALID_PARAMETER_VALUE, name(key),
                    "Invalid value for '" + name(key) + "': " + value + ". It must be an array.");
        }
        if (list.size() < minItems || list.size() > maxItems) {
            throw new InvalidTaskException(RunwareError.of(ErrorCodes.INVALID_PARAMETER_VALUE,
                            "Invalid value for '" + name(key) + "': " + list.size() + " items. It must hold "
                                    + minItems + " to " + maxItems + " items.")
                    .parameter(name(key)).range(minItems, maxItems));
        }
        return Optional.of((List<Object>) list);
    }

    static InvalidTaskException invalid(String code, Object parameter, String message) {
        return new InvalidTaskException(RunwareError.of(code, message).parameter(parameter));
    }
}
