package io.github.camelseedance.runware.internal;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** The client's one ObjectMapper: requests are written and answers read with it, into records. */
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

    /** Serialises a value (records, maps, lists, strings, numbers, booleans). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Serialises a value as UTF-8 bytes, like {@link #write(Object)}, with a writer of its type made from
     * {@link #mapper()} ({@code writerFor}: its serializer found as the writer is made, not when the first value is
     * written).
     */
    public static byte[] writeBytes(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
