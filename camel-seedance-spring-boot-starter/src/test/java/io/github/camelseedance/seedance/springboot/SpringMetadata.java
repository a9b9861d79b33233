package io.github.camelseedance.seedance.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Spring Boot configuration metadata the build put beside the starter's classes, as an IDE reads it. */
record SpringMetadata(Map<String, JsonNode> properties, Map<String, JsonNode> hints) {

    static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

    static SpringMetadata load() throws IOException {
        try (InputStream in = SpringMetadata.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new AssertionError(RESOURCE + " is not on the classpath");
            }
            return parse(new ObjectMapper().readTree(in));
        }
    }

    static SpringMetadata parse(JsonNode root) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        root.path("properties").forEach(property -> properties.put(property.path("name").asText(), property));
        Map<String, JsonNode> hints = new LinkedHashMap<>();
        root.path("hints").forEach(hint -> hints.put(hint.path("name").asText(), hint));
        return new SpringMetadata(properties, hints);
    }

    List<String> propertyNames() {
        return new ArrayList<>(properties.keySet());
    }
}
