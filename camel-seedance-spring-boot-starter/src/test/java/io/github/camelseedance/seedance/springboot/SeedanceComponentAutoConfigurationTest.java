package io.github.camelseedance.seedance.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.seedance.SeedanceComponentConfigurer;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceVideo;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.tooling.model.ComponentModel.ComponentOptionModel;
import org.apache.camel.tooling.model.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter against a real Spring Boot application context: every option of the component's catalog is bound from
 * its {@code camel.component.seedance.*} property, bean references and autowiring reach the component, unset options
 * keep the component's defaults, and a route configured by properties alone generates a video from the simulator.
 */
class SeedanceComponentAutoConfigurationTest {

    private static final String PREFIX = "camel.component.seedance.";

    private static RunwareSimulator simulator;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, SeedanceComponentConverter.class,
                    SeedanceComponentAutoConfiguration.class));

    @BeforeAll
    static void startSimulator() {
        simulator = RunwareSimulator.builder().renderTime(Duration.ofMillis(200)).syntheticVideos(4096).build()
                .start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void everyComponentOptionIsBoundFromItsProperty() throws IOException {
        ApplicationContextRunner configured = runner;
        Map<String, Object> expected = new LinkedHashMap<>();
        List<String> properties = new ArrayList<>();
        for (ComponentOptionModel option : catalog().getComponentOptions()) {
            String property = PREFIX + metadataName(option);
            switch (option.getType()) {
                case "boolean" -> {
                    boolean value = !Boolean.parseBoolean(String.valueOf(option.getDefaultValue()));
                    properties.add(property + "=" + value);
                    expected.put(option.getName(), value);
                }
                case "integer" -> {
                    properties.add(property + "=7");
                    expected.put(option.getName(), 7);
                }
                case "number" -> {
                    properties.add(property + "=2.5");
                    expected.put(option.getName(), 2.5);
                }
                case "duration" -> {
                    properties.add(property + "=3s");
                    expected.put(option.getName(), 3000L);
                }
                case "enum" -> {
                    List<String> allowed = option.getEnums();
                    String value = allowed.get(allowed.size() - 1);
                    properties.add(property + "=" + value);
                    expected.put(option.getName(), enumConstant(option.getJavaType(), value));
                }
                case "object" -> {
                    if (option.getJavaType().startsWith("java.math.")) {
                        properties.add(property + "=12.50");
                        expected.put(option.getName(), new java.math.BigDecimal("12.50"));
                        continue;
                    }
                    String bean = "sample-" + option.getName();
                    Object instance = sampleBean(option);
                    configured = withBean(configured, option, bean, instance);
                    properties.add(property + "=#bean:" + bean);
                    expected.put(option.getName(), instance);
                }
                default -> {
                    List<String> allowed = option.getEnums();
                    String value = allowed == null || allowed.isEmpty()
                            ? "value-of-" + option.getName()
                            : allowed.get(allowed.size() - 1);
                    properties.add(property + "=" + value);
                    expected.put(option.getName(), value);
                }
            }
        }
        assertThat(expected).hasSizeGreaterThan(40);

        configured.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            SeedanceComponent component = seedance(context.getBean(CamelContext.class));
            for (Map.Entry<String, Object> option : expected.entrySet()) {
                assertThat(optionValue(component, option.getKey()))
                        .as("camel.component.seedance option %s", option.getKey())
                        .isEqualTo(option.getValue());
            }
        });
    }

    /** An option with allowed values is bound as the constant of its Java enum, or as the text itself. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Object enumConstant(String javaType, String name) {
        try {
            Class<?> type = Class.forName(javaType);
            return type.isEnum() ? Enum.valueOf((Class) type, name) : name;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void autowiredOptionsTakeTheSingleBeanOfTheirType() throws IOException {
        List<ComponentOptionModel> autowired = catalog().getComponentOptions().stream()
                .filter(ComponentOptionModel::isAutowired).toList();
        assertThat(autowired).extracting(ComponentOptionModel::getName).contains("httpClient");
        ApplicationContextRunner configured = runner;
        Map<String, Object> beans = new LinkedHashMap<>();
        for (ComponentOptionModel option : autowired) {
            Object instance = sampleBean(option);
            beans.put(option.getName(), instance);
            configured = withBean(configured, option, "application-" + option.getName(), instance);
        }
        configured.run(context -> {
            SeedanceComponent component = seedance(context.getBean(CamelContext.class));
            beans.forEach((name, bean) -> assertThat(optionValue(component, name)).as(name).isSameAs(bean));
        });
    }

    @Test
    void unsetOptionsKeepTheComponentsOwnDefaults() throws IOException {
        SeedanceComponent fresh = new SeedanceComponent();
        fresh.setConfiguration(new SeedanceConfiguration());
        runner.run(context -> {
            SeedanceComponent component = seedance(context.getBean(CamelContext.class));
            for (ComponentOptionModel option : catalog().getComponentOptions()) {
                if (!"object".equals(option.getType())) {
                    assertThat(optionValue(component, option.getName())).as(option.getName())
                            .isEqualTo(optionValue(fresh, option.getName()));
                }
            }
        });
    }

    @Test
    void singleOptionsRefineAWholeConfigurationBean() {
        SeedanceConfiguration base = new SeedanceConfiguration();
        base.setModel("bytedance:seedance@2.0");
        base.setResolution("1080p");
        base.setDuration(9);
        runner.withBean("baseConfiguration", SeedanceConfiguration.class, () -> base)
                .withPropertyValues(PREFIX + "configuration=#bean:baseConfiguration", PREFIX + "duration=6")
                .run(context -> {
                    SeedanceConfiguration used = seedance(context.getBean(CamelContext.class)).getConfiguration();
                    assertThat(used).isSameAs(base);
                    assertThat(used.getModel()).isEqualTo("bytedance:seedance@2.0");
                    assertThat(used.getResolution()).isEqualTo("1080p");
                    assertThat(used.getDuration()).isEqualTo(6);
                });
    }

    @Test
    void disabledAutoConfigurationLeavesTheComponentAlone() {
        runner.withPropertyValues(PREFIX + "enabled=false", PREFIX + "duration=6").run(context -> {
            assertThat(context).doesNotHaveBean(ComponentCustomizer.class);
            assertThat(seedance(context.getBean(CamelContext.class)).getConfiguration().getDuration()).isNull();
        });
        runner.withPropertyValues("camel.component.enabled=false", PREFIX + "duration=6").run(context -> {
            assertThat(context).doesNotHaveBean(ComponentCustomizer.class);
        });
    }

    @Test
    void aRouteConfiguredByPropertiesAloneGeneratesAVideo() {
        simulator.reset();
        runner.withBean(RoutesBuilder.class, () -> new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generate").to("seedance:generate");
            }
        }).withPropertyValues(
                PREFIX + "base-url=" + simulator.baseUrl(),
                PREFIX + "api-key=" + simulator.apiKey(),
                PREFIX + "duration=4",
                PREFIX + "resolution=480p",
                PREFIX + "initial-poll-delay=100ms",
                PREFIX + "poll-interval=100ms").run(context -> {
                    ProducerTemplate template = context.getBean(CamelContext.class).createProducerTemplate();
                    SeedanceVideo video = template.requestBody("direct:generate",
                            "a lighthouse keeper paints the night sky", SeedanceVideo.class);
                    assertThat(video.getSize()).isEqualTo(4096);
                    List<Map<String, Object>> submitted = simulator.requests().tasks("videoInference");
                    assertThat(submitted).hasSize(1);
                    assertThat(submitted.get(0)).containsEntry("duration", 4);
                });
    }

    static ComponentModel catalog() throws IOException {
        try (InputStream in = SeedanceComponent.class.getClassLoader()
                .getResourceAsStream("META-INF/io/github/camelseedance/seedance/seedance.json")) {
            assertThat(in).as("the component's catalog").isNotNull();
            return JsonMapper.generateComponentModel(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The option's property as the metadata names it: relaxed binding ignores dashes and case. */
    private static String metadataName(ComponentOptionModel option) throws IOException {
        String wanted = option.getName().toLowerCase();
        return SpringMetadata.load().propertyNames().stream()
                .filter(name -> name.startsWith(PREFIX))
                .map(name -> name.substring(PREFIX.length()))
                .filter(name -> name.replace("-", "").equals(wanted))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metadata for option " + option.getName()));
    }

    /** Registers the bean under the option's declared type, as an application would declare it. */
    @SuppressWarnings("unchecked")
    private static ApplicationContextRunner withBean(
                                                     ApplicationContextRunner runner, ComponentOptionModel option,
                                                     String name, Object bean) {
        return runner.withBean(name, (Class<Object>) optionType(option), () -> bean);
    }

    private static Class<?> optionType(ComponentOptionModel option) {
        try {
            return Class.forName(option.getJavaType().replaceAll("<.*", ""));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Object sampleBean(ComponentOptionModel option) {
        Class<?> type = optionType(option);
        try {
            if (type == HttpClient.class) {
                return HttpClient.newHttpClient();
            }
            if (type == java.time.Clock.class) {
                return java.time.Clock.systemUTC();
            }
            if (type.isInterface()) {
                return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{ type },
                        (proxy, method, args) -> switch (method.getName()) {
                            case "toString" -> "sample " + type.getName();
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> null;
                        });
            }
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("add a sample bean for the option type " + type.getName(), e);
        }
    }

    /** The component, created and customized by Camel but not started. */
    private static SeedanceComponent seedance(CamelContext camel) {
        return (SeedanceComponent) camel.getComponent("seedance", true, false);
    }

    private static Object optionValue(SeedanceComponent component, String name) {
        PropertyConfigurerGetter getter = new SeedanceComponentConfigurer();
        return getter.getOptionValue(component, name, true);
    }
}
