package io.github.camelseedance.examples.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files of docs/fleet (a Kubernetes Deployment, a Camel K Integration and a Pipe) parse, run several
 * replicas, and use only options, environment variables, secrets and Kamelet properties that exist.
 */
class FleetDeploymentFilesTest {

    private static final Path FOLDER = Path.of("../docs/fleet");
    private static final Pattern ENV = Pattern.compile("\\{\\{env:([A-Z0-9_]+)");
    private static final Pattern SECRET = Pattern.compile("\\{\\{secret:seedance/([a-z0-9-]+)}}");
    private static final Pattern PROPERTY = Pattern.compile("\\s*camel\\.component\\.seedance\\.([a-z0-9.-]+)\\s*=.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode catalog;
    static List<JsonNode> kubernetes;
    static JsonNode integration;
    static JsonNode pipe;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = FleetDeploymentFilesTest.class.getResourceAsStream(
                "/META-INF/io/github/camelseedance/seedance/seedance.json")) {
            catalog = JSON.readTree(in);
        }
        kubernetes = documents(FOLDER.resolve("kubernetes.yaml"));
        integration = documents(FOLDER.resolve("integration.yaml")).get(0);
        pipe = documents(FOLDER.resolve("pipe.yaml")).get(0);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            new YAMLMapper().readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }

    private static JsonNode kind(String kind, String name) {
        return kubernetes.stream().filter(doc -> doc.path("kind").asText().equals(kind)
                                                 && doc.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in kubernetes.yaml"));
    }

    /** The environment variables the fleet example reads, and the API key variable the component reads. */
    private static Set<String> environmentRead() throws IOException {
        Set<String> names = new HashSet<>(Set.of("RUNWARE_API_KEY"));
        Matcher matcher = ENV.matcher(Files.readString(
                Path.of("src/main/resources/fleet/application.properties")));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Set<String> secretKeys() {
        Set<String> keys = new HashSet<>();
        kind("Secret", "seedance").path("stringData").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Checks a camel.component.seedance.* property line against the catalog, and its secrets against the Secret. */
    private static void checkProperty(String line) {
        Matcher property = PROPERTY.matcher(line);
        assertThat(property.matches()).as(line).isTrue();
        String option = StringHelper.dashToCamelCase(property.group(1).replaceFirst("^configuration\\.", ""));
        assertThat(catalog.path("componentProperties").has(option)).as("component option " + option + " in " + line)
                .isTrue();
        Matcher secret = SECRET.matcher(line);
        while (secret.find()) {
            assertThat(secretKeys()).as("secret key of " + line).contains(secret.group(1));
        }
    }

    @Test
    void theDeploymentRunsReplicasWithTheVariablesTheExampleReads() throws IOException {
        JsonNode deployment = kind("Deployment", "seedance-fleet");
        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        Set<String> read = environmentRead();
        Set<String> given = new HashSet<>();
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            given.add(name);
            assertThat(read).as("variable " + name + " is read by the example").contains(name);
            JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
            if (!secret.isMissingNode()) {
                assertThat(secret.path("name").asText()).isEqualTo("seedance");
                assertThat(secretKeys()).contains(secret.path("key").asText());
            }
        }
        assertThat(given).contains("RUNWARE_API_KEY", "SEEDANCE_TASK_STORE_JDBC_URL", "SEEDANCE_WEBHOOK_PUBLIC_URL",
                "SEEDANCE_WEBHOOK_TOKEN", "JMS_BROKER_URL", "FLEET_HTTP_ENABLED", "FLEET_HTTP_PORT");
        String httpPort = value(container, "FLEET_HTTP_PORT");
        assertThat(container.path("ports").get(0).path("containerPort").asText()).isEqualTo(httpPort);
        JsonNode webhook = kind("Service", "seedance-webhook").path("spec");
        assertThat(webhook.path("ports").get(0).path("targetPort").asText()).isEqualTo(httpPort);
        assertThat(webhook.path("selector")).isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));
        assertThat(value(container, "SEEDANCE_WEBHOOK_PUBLIC_URL"))
                .endsWith(catalog.path("componentProperties").path("webhookPath").path("defaultValue").asText());
        assertThat(kind("Secret", "seedance").path("stringData").path("task-store-jdbc-url").asText())
                .startsWith("jdbc:postgresql://seedance-db:" + kind("Service", "seedance-db").path("spec")
                        .path("ports").get(0).path("port").asText() + "/");
    }

    private static String value(JsonNode container, String variable) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(variable)) {
                return env.path("value").asText();
            }
        }
        throw new AssertionError("no " + variable);
    }

    @Test
    void theIntegrationRunsReplicasWithComponentAndEndpointOptionsThatExist() throws Exception {
        assertThat(integration.path("kind").asText()).isEqualTo("Integration");
        assertThat(integration.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        List<String> dependencies = new ArrayList<>();
        integration.path("spec").path("dependencies").forEach(d -> dependencies.add(d.asText()));
        assertThat(dependencies).anyMatch(d -> d.startsWith("mvn:io.github.camelseedance:camel-seedance:"))
                .anyMatch(d -> d.startsWith("mvn:org.postgresql:postgresql:"));
        List<String> properties = new ArrayList<>();
        integration.path("spec").path("traits").path("camel").path("properties")
                .forEach(p -> properties.add(p.asText()));
        List<String> seedance = properties.stream().filter(p -> p.startsWith("camel.component.seedance.")).toList();
        assertThat(seedance).anyMatch(p -> p.contains("task-store-jdbc-url"))
                .anyMatch(p -> p.contains("webhook-token"));
        seedance.forEach(FleetDeploymentFilesTest::checkProperty);
        List<JsonNode> endpoints = new ArrayList<>();
        collectSeedanceEndpoints(integration.path("spec").path("flows"), endpoints);
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode endpoint : endpoints) {
            Map<String, Object> parameters = new java.util.HashMap<>(URISupport.parseQuery(
                    StringHelper.after(endpoint.path("uri").asText(), "?", "")));
            endpoint.path("parameters").fieldNames().forEachRemaining(name -> parameters.put(name, ""));
            for (String name : parameters.keySet()) {
                assertThat(catalog.path("properties").has(name)).as("endpoint option " + name).isTrue();
            }
        }
    }

    private static void collectSeedanceEndpoints(JsonNode node, List<JsonNode> endpoints) {
        if (node.isObject()) {
            if (node.path("uri").asText().startsWith("seedance:")) {
                endpoints.add(node);
            }
            node.elements().forEachRemaining(child -> collectSeedanceEndpoints(child, endpoints));
        } else if (node.isArray()) {
            node.forEach(child -> collectSeedanceEndpoints(child, endpoints));
        }
    }

    @Test
    void thePipeRunsReplicasOfTheSeedanceKameletWithPropertiesItDeclares() throws Exception {
        assertThat(pipe.path("kind").asText()).isEqualTo("Pipe");
        assertThat(pipe.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode step = pipe.path("spec").path("steps").get(0);
        assertThat(step.path("ref").path("name").asText()).isEqualTo("seedance-action");
        JsonNode kamelet = new YAMLMapper().readTree(
                Path.of("../camel-seedance-component/src/main/resources/kamelets/seedance-action.kamelet.yaml")
                        .toFile());
        JsonNode declared = kamelet.path("spec").path("definition").path("properties");
        step.path("properties").fieldNames().forEachRemaining(name -> assertThat(declared.has(name))
                .as("seedance-action property " + name).isTrue());
        assertThat(step.path("properties").has("idempotencyExpression")).isTrue();
        String annotation = pipe.path("metadata").path("annotations").path("trait.camel.apache.org/camel.properties")
                .asText();
        JsonNode properties = JSON.readTree(annotation);
        assertThat(properties).isNotEmpty();
        properties.forEach(p -> checkProperty(p.asText()));
    }
}
