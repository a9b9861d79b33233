package io.github.camelseedance.seedance.springboot;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jars as a repository manager receives them (run after {@code package}, on the jars the reactor just built):
 * the component's catalog JSON, service files and Kamelets, the starter's Spring Boot metadata and auto-configuration,
 * the licence in each, sources and javadoc jars beside each, and the fixed timestamp of a reproducible build.
 */
class PackagedJarsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant OUTPUT_TIMESTAMP = Instant.parse(System.getProperty("project.build.outputTimestamp"));

    @Test
    void componentJarCarriesItsCatalogServicesAndKamelets() throws IOException {
        try (JarFile jar = jarOf(SeedanceComponent.class)) {
            JsonNode catalog = JSON.readTree(read(jar, "META-INF/io/github/camelseedance/seedance/seedance.json"));
            assertThat(catalog.path("component").path("scheme").asText()).isEqualTo("seedance");
            assertThat(catalog.path("component").path("javaType").asText())
                    .isEqualTo(SeedanceComponent.class.getName());
            assertThat(catalog.path("componentProperties").size()).isGreaterThan(40);
            assertThat(catalog.path("properties").size()).isGreaterThan(30);
            assertThat(catalog.path("headers").size()).isGreaterThan(10);
            assertThat(read(jar, "META-INF/services/org/apache/camel/component/seedance"))
                    .contains("class=" + SeedanceComponent.class.getName());
            assertThat(jar.getEntry("META-INF/services/org/apache/camel/configurer/seedance-component")).isNotNull();
            assertThat(jar.getEntry("META-INF/services/org/apache/camel/urifactory/seedance-endpoint")).isNotNull();
            for (String kamelet : List.of("seedance-action", "seedance-sink")) {
                assertThat(read(jar, "kamelets/" + kamelet + ".kamelet.yaml"))
                        .contains("kind: Kamelet").contains("name: " + kamelet);
            }
        }
    }

    @Test
    void starterJarCarriesItsSpringBootMetadataAndAutoConfiguration() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("starter.jar"))) {
            SpringMetadata metadata = SpringMetadata.parse(
                    JSON.readTree(read(jar, SpringMetadata.RESOURCE)));
            assertThat(metadata.propertyNames()).contains("camel.component.seedance.api-key",
                    "camel.component.seedance.configuration", "camel.component.seedance.http-client");
            assertThat(metadata.properties().get("camel.component.seedance.duration").path("description").asText())
                    .isNotBlank();
            assertThat(read(jar, "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
                    .contains(SeedanceComponentAutoConfiguration.class.getName())
                    .contains(SeedanceComponentConverter.class.getName());
            assertThat(read(jar, "META-INF/spring-autoconfigure-metadata.properties"))
                    .contains(SeedanceComponentAutoConfiguration.class.getName() + ".AutoConfigureAfter");
            assertThat(jar.getEntry(SeedanceComponentConfiguration.class.getName().replace('.', '/') + ".class"))
                    .isNotNull();
            assertReleasable(jar, Path.of(jar.getName()));
        }
    }

    @Test
    void everyLibraryJarIsReleasable() throws IOException {
        for (Class<?> type : List.of(SeedanceComponent.class, RunwareClient.class, RunwareSimulator.class)) {
            try (JarFile jar = jarOf(type)) {
                assertReleasable(jar, Path.of(jar.getName()));
            }
        }
    }

    /** The licence inside, sources and javadoc beside, and every entry at the build's fixed timestamp. */
    private static void assertReleasable(JarFile jar, Path path) throws IOException {
        assertThat(read(jar, "META-INF/LICENSE")).as(path.toString()).contains("Apache License")
                .contains("Version 2.0, January 2004");
        String base = path.getFileName().toString().replaceAll("\\.jar$", "");
        for (String classifier : List.of("sources", "javadoc")) {
            Path attached = path.resolveSibling(base + "-" + classifier + ".jar");
            assertThat(attached).as(classifier + " jar of " + path).exists();
            assertThat(Files.size(attached)).isGreaterThan(1000);
        }
        for (JarEntry entry : List.of(jar.getJarEntry("META-INF/MANIFEST.MF"), jar.getJarEntry("META-INF/LICENSE"))) {
            FileTime time = entry.getLastModifiedTime();
            assertThat(time.toInstant()).as("time of %s in %s", entry.getName(), path).isEqualTo(OUTPUT_TIMESTAMP);
        }
    }

    private static JarFile jarOf(Class<?> type) throws IOException {
        URL url = type.getResource(type.getSimpleName() + ".class");
        assertThat(url.getProtocol()).as("%s comes from a packaged jar: %s", type.getSimpleName(), url)
                .isEqualTo("jar");
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        return new JarFile(connection.getJarFileURL().getPath());
    }

    private static String read(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        assertThat(entry).as("%s in %s", name, jar.getName()).isNotNull();
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }
}
