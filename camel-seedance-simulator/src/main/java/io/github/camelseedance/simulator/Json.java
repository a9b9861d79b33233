package io.github.camelseedance.simulator;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The simulator's one JSON mapper. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses any JSON document into Maps, Lists, Strings, Numbers and Booleans. */
    static Object read(String text) throws JsonProcessingException {
        return MAPPER.readValue(text, Object.class);
    }
}
