package io.github.camelseedance.examples.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Kamelets shipped in the component jar against the rules of the apache/camel-kamelets catalog validator
 * (script/validator): file and type naming, titles, typed and described properties, credentials marked as
 * passwords, annotations, dependencies, and parameters declared exactly when used. One deliberate difference: the
 * catalog requires the provider "Apache Software Foundation"; these Kamelets are not the ASF's, so their provider is
 * "camel-seedance".
 */
class KameletFilesTest {

    private static final Path KAMELETS = Path.of("../camel-seedance-component/src/main/resources/kamelets");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The validator's parameter regexp: {{name}}, {{?name}} and {{name:default}}. */
    private static final Pattern PARAM = Pattern.compile("\\{\\{[?]?([A-Za-z0-9-._]+)(?:[:][^}]*)?}}");
    /** English stop words, which the validator lets stay lower case in titles. */
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "as", "at", "by", "for", "from", "in",
            "into", "is", "of", "on", "or", "per", "the", "to", "with");
    private static final Set<String> CREDENTIAL_WORDS = Set.of("key", "secret", "password", "token");

    static Map<Path, JsonNode> kamelets;

    @BeforeAll
    static void load() throws IOException {
        assertThat(KAMELETS).as("the component's kamelets folder").isDirectory();
        kamelets = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(KAMELETS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml")).toList()) {
                kamelets.put(file, YAML.readTree(file.toFile()));
            }
        }
    }

    @Test
    void bothKameletsAreShipped() {
        assertThat(kamelets.keySet()).extracting(p -> p.getFileName().toString())
                .containsExactly("seedance-action.kamelet.yaml", "seedance-sink.kamelet.yaml");
    }

    @Test
    void everyKameletFollowsTheCatalogRules() {
        List<String> errors = new ArrayList<>();
        Set<String> titles = new HashSet<>();
        Set<String> descriptions = new HashSet<>();
        kamelets.forEach((file, kamelet) -> {
            List<String> found = validate(file, kamelet);
            String title = kamelet.at("/spec/definition/title").asText();
            String description = kamelet.at("/spec/definition/description").asText();
            if (!titles.add(title)) {
                found.add("duplicate title " + title);
            }
            if (!descriptions.add(description)) {
                found.add("duplicate description");
            }
            found.forEach(error -> errors.add(file.getFileName() + ": " + error));
        });
        assertThat(errors).isEmpty();
    }

    @Test
    void theValidatorRulesCatchMistakes() throws IOException {
        JsonNode broken = YAML.readTree("""
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: seedance-source
                  labels:
                    camel.apache.org/kamelet.type: sink
                spec:
                  definition:
                    title: Seedance thing
                    type: object
                    required: [apiKey, apiKey, missing]
                    properties:
                      apiKey:
                        title: the api key
                        type: string
                      unused:
                        title: Unused
                        description: Never used.
                  template:
                    from:
                      uri: kamelet:source
                      steps:
                        - to: "seedance:generate?apiKey={{apiKey}}&model={{undeclared}}"
                """);
        assertThat(validate(Path.of("seedance-sink.kamelet.yaml"), broken)).contains(
                "file name does not match the name seedance-source",
                "name seedance-source does not end with -sink",
                "title \"Seedance thing\" does not end with Sink",
                "no description",
                "required property apiKey listed twice",
                "required property missing not defined",
                "property apiKey has no description",
                "property apiKey title \"the api key\" starts with \"the \"",
                "property apiKey title \"the api key\" has a lower-case word: api",
                "property apiKey is a credential but not format password",
                "property unused has no type",
                "parameter undeclared is used but not declared",
                "parameter unused is declared but never used",
                "no camel.apache.org/kamelet.icon annotation",
                "dependency mvn:io.github.camelseedance:camel-seedance:1.0.0-SNAPSHOT missing");
    }

    static List<String> validate(Path file, JsonNode kamelet) {
        List<String> errors = new ArrayList<>();
        String name = kamelet.at("/metadata/name").asText();
        if (!file.getFileName().toString().equals(name + ".kamelet.yaml")) {
            errors.add("file name does not match the name " + name);
        }
        if (!"Kamelet".equals(kamelet.path("kind").asText())
            || !kamelet.path("apiVersion").asText().startsWith("camel.apache.org/")) {
            errors.add("not a camel.apache.org Kamelet");
        }
        String type = kamelet.at("/metadata/labels").path("camel.apache.org/kamelet.type").asText();
        if (!Set.of("source", "sink", "action").contains(type)) {
            errors.add("invalid camel.apache.org/kamelet.type " + type);
        } else if (!name.endsWith("-" + type)) {
            errors.add("name " + name + " does not end with -" + type);
        }

        JsonNode annotations = kamelet.at("/metadata/annotations");
        for (String annotation : List.of("camel.apache.org/kamelet.icon", "camel.apache.org/catalog.version",
                "camel.apache.org/provider", "camel.apache.org/kamelet.support.level",
                "camel.apache.org/kamelet.group")) {
            if (annotations.path(annotation).asText().isBlank()) {
                errors.add("no " + annotation + " annotation");
            }
        }
        if (!annotations.path("camel.apache.org/catalog.version").isMissingNode()
            && !"1.0.0-SNAPSHOT".equals(annotations.path("camel.apache.org/catalog.version").asText())) {
            errors.add("catalog.version is not the project version");
        }
        if (!annotations.path("camel.apache.org/kamelet.icon").isMissingNode()
            && !annotations.path("camel.apache.org/kamelet.icon").asText().startsWith("data:image/svg+xml;base64,")) {
            errors.add("icon is not an inline SVG");
        }

        JsonNode definition = kamelet.at("/spec/definition");
        String title = definition.path("title").asText();
        if (title.isBlank()) {
            errors.add("no title");
        } else if (type.length() > 1 && !title.endsWith(Character.toUpperCase(type.charAt(0)) + type.substring(1))) {
            errors.add("title \"" + title + "\" does not end with " + Character.toUpperCase(type.charAt(0))
                       + type.substring(1));
        }
        if (definition.path("description").asText().isBlank()) {
            errors.add("no description");
        }
        if (!"object".equals(definition.path("type").asText())) {
            errors.add("definition type is not object");
        }
        JsonNode properties = definition.path("properties");
        Set<String> required = new HashSet<>();
        for (JsonNode r : definition.path("required")) {
            if (!required.add(r.asText())) {
                errors.add("required property " + r.asText() + " listed twice");
            }
            if (!properties.has(r.asText())) {
                errors.add("required property " + r.asText() + " not defined");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            errors.addAll(validateProperty(entry.getKey(), entry.getValue()));
        }

        JsonNode template = kamelet.at("/spec/template");
        if (!"kamelet:source".equals(template.at("/from/uri").asText()) && !"source".equals(type)) {
            errors.add("template does not start from kamelet:source");
        }
        Set<String> used = new HashSet<>();
        collectParams(template, used);
        Set<String> declared = new HashSet<>();
        properties.fieldNames().forEachRemaining(declared::add);
        used.stream().filter(p -> !declared.contains(p)).sorted()
                .forEach(p -> errors.add("parameter " + p + " is used but not declared"));
        declared.stream().filter(p -> !used.contains(p)).sorted()
                .forEach(p -> errors.add("parameter " + p + " is declared but never used"));

        List<String> dependencies = new ArrayList<>();
        kamelet.at("/spec/dependencies").forEach(d -> dependencies.add(d.asText()));
        for (String dependency : List.of("camel:core", "camel:kamelet",
                "mvn:io.github.camelseedance:camel-seedance:1.0.0-SNAPSHOT")) {
            if (!dependencies.contains(dependency)) {
                errors.add("dependency " + dependency + " missing");
            }
        }
        return errors;
    }

    private static List<String> validateProperty(String name, JsonNode property) {
        List<String> errors = new ArrayList<>();
        String title = property.path("title").asText();
        if (property.path("type").asText().isBlank()) {
            errors.add("property " + name + " has no type");
        }
        if (property.path("description").asText().isBlank()) {
            errors.add("property " + name + " has no description");
        }
        if (title.isBlank()) {
            errors.add("property " + name + " has no title");
        } else {
            for (String prefix : List.of("The ", "A ", "An ", "the ", "a ", "an ")) {
                if (title.startsWith(prefix)) {
                    errors.add("property " + name + " title \"" + title + "\" starts with \"" + prefix + "\"");
                }
            }
            for (String word : title.split(" ")) {
                if (!word.isEmpty() && !STOP_WORDS.contains(word.toLowerCase())
                    && Character.isLowerCase(word.charAt(0))) {
                    errors.add("property " + name + " title \"" + title + "\" has a lower-case word: " + word);
                }
            }
        }
        Set<String> descriptors = new HashSet<>();
        property.path("x-descriptors").forEach(d -> descriptors.add(d.asText()));
        boolean password = "password".equals(property.path("format").asText());
        if (password && !descriptors.contains("urn:camel:group:credentials")) {
            errors.add("property " + name + " has password format but misses urn:camel:group:credentials");
        }
        if (password && !descriptors.contains("urn:alm:descriptor:com.tectonic.ui:password")) {
            errors.add("property " + name + " has password format but misses the tectonic password descriptor");
        }
        String lower = name.toLowerCase();
        if (CREDENTIAL_WORDS.stream().anyMatch(lower::endsWith) && !password) {
            errors.add("property " + name + " is a credential but not format password");
        }
        return errors;
    }

    private static void collectParams(JsonNode node, Set<String> params) {
        if (node.isTextual()) {
            Matcher matcher = PARAM.matcher(node.asText());
            while (matcher.find()) {
                params.add(matcher.group(1));
            }
        }
        node.forEach(child -> collectParams(child, params));
    }
}
