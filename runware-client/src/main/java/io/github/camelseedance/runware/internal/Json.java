package io.github.camelseedance.runware.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The client's one ObjectMapper, JSON reading and writing, and lenient conversions of parsed JSON values. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private Json() {
    }

    /**
     * @return the client's ObjectMapper: decimals as BigDecimal, a single value read as a one-element list, no
     *         float where an integer is expected, unknown properties of answers ignored
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A value (a record, a bean) as the map of its JSON object. */
    public static Map<String, Object> toMap(Object value) {
        return MAPPER.convertValue(value, MAP);
    }

    /** Serialises a value (maps, lists, strings, numbers, booleans). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a JSON text into maps, lists, strings, numbers (decimals as BigDecimal) and booleans. */
    static Object read(String text) throws IOException {
        return MAPPER.readValue(text, Object.class);
    }

    /** A value as a string, {@code null} stays {@code null}. */
    public static String string(Object value) {
        return value == null ? null : value.toString();
    }

    /** A string or an array of strings as a list; {@code null} gives an empty list. */
    public static List<String> stringList(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.stream().filter(e -> e != null).forEach(e -> strings.add(e.toString()));
        } else if (value != null) {
            strings.add(value.toString());
        }
        return strings;
    }

    /** An array as a list of its values; a single value gives a one-element list; {@code null} an empty one. */
    public static List<Object> list(Object value) {
        List<Object> values = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            values.addAll(collection);
        } else if (value != null) {
            values.add(value);
        }
        return values;
    }

    /** A JSON object as a map, anything else gives {@code null}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    /** A number (or numeric string) as a Long, {@code null} when absent or not numeric. */
    static Long longValue(Object value) {
        BigDecimal decimal = decimal(value);
        return decimal == null ? null : decimal.longValue();
    }

    /** A number (or numeric string) as a BigDecimal, {@code null} when absent or not numeric. */
    public static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A boolean (or "true"/"false" string), {@code null} when absent or not boolean. */
    public static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(s);
        }
        return null;
    }
}
