package io.github.camelseedance.seedance.springboot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.tooling.model.ComponentModel.ComponentOptionModel;
import org.apache.camel.util.TimeUtils;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata an IDE completes {@code camel.component.seedance.*} from: one property per option of the
 * component's catalog, with the catalog's description, default and allowed values, and bean names offered where an
 * option takes a bean.
 */
class SpringBootMetadataTest {

    private static final String PREFIX = "camel.component.seedance.";

    @Test
    void everyOptionHasItsDescriptionDefaultAndType() throws IOException {
        SpringMetadata metadata = SpringMetadata.load();
        List<ComponentOptionModel> options = SeedanceComponentAutoConfigurationTest.catalog().getComponentOptions();
        List<String> seen = new ArrayList<>();
        for (ComponentOptionModel option : options) {
            JsonNode property = property(metadata, option);
            seen.add(property.path("name").asText());
            assertThat(property.path("description").asText()).as(option.getName())
                    .isEqualTo(option.getDescription());
            assertThat(property.path("sourceType").asText())
                    .isEqualTo(SeedanceComponentConfiguration.class.getName());
            Object catalogDefault = option.getDefaultValue();
            JsonNode metadataDefault = property.path("defaultValue");
            if (catalogDefault == null || catalogDefault.toString().isEmpty()) {
                assertThat(metadataDefault.isMissingNode()).as("no default for %s", option.getName()).isTrue();
            } else if ("duration".equals(option.getType())) {
                assertThat(property.path("type").asText()).isEqualTo("java.time.Duration");
                assertThat(DurationStyle.detectAndParse(metadataDefault.asText()).toMillis()).as(option.getName())
                        .isEqualTo(TimeUtils.toMilliSeconds(catalogDefault.toString()));
            } else {
                assertThat(metadataDefault.asText()).as(option.getName()).isEqualTo(catalogDefault.toString());
                assertThat(metadataDefault.isTextual()).as("%s default is typed", option.getName())
                        .isEqualTo(!List.of("boolean", "integer", "number").contains(option.getType()));
            }
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize(options.size());
        assertThat(metadata.propertyNames()).filteredOn(name -> name.startsWith(PREFIX))
                .containsExactlyInAnyOrderElementsOf(concat(seen, PREFIX + "enabled", PREFIX + "customizer.enabled"));
        assertThat(metadata.properties().get(PREFIX + "enabled").path("description").asText()).isNotBlank();
    }

    @Test
    void enumOptionsOfferTheirValuesAndBeanOptionsOfferBeans() throws IOException {
        SpringMetadata metadata = SpringMetadata.load();
        int enums = 0;
        int beans = 0;
        for (ComponentOptionModel option : SeedanceComponentAutoConfigurationTest.catalog().getComponentOptions()) {
            String name = property(metadata, option).path("name").asText();
            JsonNode hint = metadata.hints().get(name);
            if (option.getEnums() != null && !option.getEnums().isEmpty()) {
                List<String> values = new ArrayList<>();
                hint.path("values").forEach(value -> values.add(value.path("value").asText()));
                assertThat(values).as(option.getName()).containsExactlyElementsOf(option.getEnums());
                enums++;
            } else if ("object".equals(option.getType())) {
                assertThat(hint).as("bean hint of %s", option.getName()).isNotNull();
                assertThat(hint.path("providers").get(0).path("name").asText()).isEqualTo("spring-bean-reference");
                assertThat(hint.path("providers").get(0).path("parameters").path("target").asText())
                        .isEqualTo(option.getJavaType().replaceAll("<.*", ""));
                beans++;
            }
        }
        assertThat(enums).isGreaterThanOrEqualTo(5);
        assertThat(beans).isGreaterThanOrEqualTo(4);
    }

    @Test
    void propertiesReadAsWordsEvenWhereTheOptionHasAnAcronym() throws IOException {
        assertThat(SpringMetadata.load().propertyNames())
                .contains(PREFIX + "webhook-url", PREFIX + "api-key", PREFIX + "initial-poll-delay")
                .noneMatch(name -> name.matches(".*-[a-z]-[a-z]-.*"));
    }

    private static JsonNode property(SpringMetadata metadata, ComponentOptionModel option) {
        String wanted = option.getName().toLowerCase();
        return metadata.properties().values().stream()
                .filter(property -> property.path("name").asText().startsWith(PREFIX))
                .filter(property -> property.path("name").asText().substring(PREFIX.length()).replace("-", "")
                        .equals(wanted))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metadata for option " + option.getName()));
    }

    private static List<String> concat(List<String> names, String... more) {
        List<String> all = new ArrayList<>(names);
        all.addAll(List.of(more));
        return all;
    }
}
