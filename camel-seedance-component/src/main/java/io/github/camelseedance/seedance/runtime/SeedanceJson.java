package io.github.camelseedance.seedance.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The component's one ObjectMapper: request bodies given as JSON text and the task journal's records. */
public final class SeedanceJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SeedanceJson() {
    }

    /** @return the component's ObjectMapper */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
