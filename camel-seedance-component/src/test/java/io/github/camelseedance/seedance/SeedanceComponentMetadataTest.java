package io.github.camelseedance.seedance;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelseedance.runware.RunwareApiKey;
import io.github.camelseedance.seedance.runtime.SeedanceJson;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generated component JSON that Camel tooling reads is complete, and the endpoint is a good Camel citizen.
 */
class SeedanceComponentMetadataTest {

    private static JsonNode componentJson() throws Exception {
        try (InputStream in = SeedanceComponent.class.getResourceAsStream(
                "/META-INF/io/github/camelseedance/seedance/seedance.json")) {
            assertThat(in).as("generated component JSON on the classpath").isNotNull();
            return SeedanceJson.mapper().readTree(in);
        }
    }

    @Test
    void theJarListsItsComponentAsCamelComponentJarsDo() throws Exception {
        List<java.util.Properties> lists = new ArrayList<>();
        var urls = SeedanceComponent.class.getClassLoader()
                .getResources("META-INF/services/org/apache/camel/component.properties");
        while (urls.hasMoreElements()) {
            java.util.Properties list = new java.util.Properties();
            try (InputStream in = urls.nextElement().openStream()) {
                list.load(in);
            }
            lists.add(list);
        }
        assertThat(lists).as("META-INF/services/org/apache/camel/component.properties of camel-seedance")
                .filteredOn(list -> "camel-seedance".equals(list.getProperty("artifactId"))).singleElement()
                .satisfies(list -> assertThat(list).containsEntry("components", "seedance")
                        .containsEntry("groupId", "io.github.camelseedance").containsKey("version"));
    }

    @Test
    void everyOptionAndHeaderIsDescribed() throws Exception {
        JsonNode json = componentJson();
        assertThat(json.at("/component/scheme").asText()).isEqualTo("seedance");
        assertThat(json.at("/component/syntax").asText()).isEqualTo("seedance:operation");
        for (String section : List.of("componentProperties", "properties", "headers")) {
            json.get(section).fields().forEachRemaining(entry -> assertThat(entry.getValue().path("description")
                    .asText()).as("%s %s has a description", section, entry.getKey()).isNotBlank());
        }
        assertThat(json.at("/properties/operation/enum").toString()).contains("generate", "submit", "status",
                "download", "upload", "estimate");
        assertThat(json.at("/properties/apiKey/secret").asBoolean()).isTrue();
        assertThat(json.at("/properties/model/defaultValue").asText()).isEqualTo("bytedance:seedance@2.0-mini");
        assertThat(json.at("/properties/outputFormat/enum").toString()).contains("MP4", "WEBM", "MOV");
        assertThat(json.at("/componentProperties/batchPolling/defaultValue").asBoolean()).isTrue();
    }

    @Test
    void everyHeaderConstantIsInTheJson() throws Exception {
        JsonNode headers = componentJson().get("headers");
        List<String> missing = new ArrayList<>();
        for (Field field : SeedanceConstants.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.isAnnotationPresent(
                    org.apache.camel.spi.Metadata.class)) {
                String header = (String) field.get(null);
                if (!headers.has(header)) {
                    missing.add(header);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyRequestOptionHasItsHeader() throws Exception {
        JsonNode json = componentJson();
        for (String option : List.of("positivePrompt", "width", "height", "resolution", "aspectRatio", "duration",
                "numberResults", "outputType", "outputFormat", "outputQuality", "webhookURL", "deliveryMethod",
                "uploadEndpoint", "ttl", "includeCost", "audio", "safetyCheckContent", "safetyMode", "referenceImages",
                "frameImages", "referenceVideos", "referenceAudios", "model", "initialPollDelay", "pollInterval",
                "maxPollInterval", "waitTimeout")) {
            assertThat(json.at("/properties/" + option).isMissingNode()).as("option %s", option).isFalse();
            assertThat(json.get("headers").has(SeedanceConstants.headerFor(option))).as("header for %s", option)
                    .isTrue();
        }
    }

    @Test
    void apiKeyIsMaskedInTheEndpointUri() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            SeedanceEndpoint endpoint = context.getEndpoint("seedance:generate?apiKey=s3cr3t-key&duration=6",
                    SeedanceEndpoint.class);

            assertThat(endpoint.getConfiguration().getApiKey()).isEqualTo("s3cr3t-key");
            assertThat(endpoint.toString()).doesNotContain("s3cr3t-key");
        }
    }

    @Test
    void durationOptionsTakeDurationText() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            SeedanceEndpoint endpoint = context.getEndpoint(
                    "seedance:generate?apiKey=k&pollInterval=2s&waitTimeout=5m&initialPollDelay=1500",
                    SeedanceEndpoint.class);

            assertThat(endpoint.getConfiguration().getPollInterval()).isEqualTo(2000);
            assertThat(endpoint.getConfiguration().getWaitTimeout()).isEqualTo(300_000);
            assertThat(endpoint.getConfiguration().getInitialPollDelay()).isEqualTo(1500);
        }
    }

    @Test
    void componentOptionsAreDefaultsForEveryEndpoint() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            SeedanceComponent component = new SeedanceComponent();
            PropertyBindingSupport.build().bind(context, component.getConfiguration(),
                    new HashMap<>(Map.of("duration", "8", "model", "bytedance:seedance@2.0-fast")));
            context.addComponent("seedance", component);

            SeedanceEndpoint endpoint = context.getEndpoint("seedance:generate?apiKey=k", SeedanceEndpoint.class);
            SeedanceEndpoint other = context.getEndpoint("seedance:generate?apiKey=k&duration=4",
                    SeedanceEndpoint.class);

            assertThat(endpoint.getConfiguration().getDuration()).isEqualTo(8);
            assertThat(endpoint.getConfiguration().getModel()).isEqualTo("bytedance:seedance@2.0-fast");
            assertThat(other.getConfiguration().getDuration()).isEqualTo(4);
            assertThat(component.getConfiguration().getDuration()).isEqualTo(8);
        }
    }

    @Test
    void unknownOperationIsRejectedWithTheAllowedOnes() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertThatThrownBy(() -> context.getEndpoint("seedance:render"))
                    .hasStackTraceContaining("render").hasStackTraceContaining("generate, submit, status");
        }
    }

    @Test
    void missingApiKeyIsReportedAtStartup() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(RunwareApiKey.ENVIRONMENT_VARIABLE) == null);
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("seedance:generate");
                }
            });
            assertThatThrownBy(context::start)
                    .hasStackTraceContaining(RunwareApiKey.ENVIRONMENT_VARIABLE);
        }
    }
}
