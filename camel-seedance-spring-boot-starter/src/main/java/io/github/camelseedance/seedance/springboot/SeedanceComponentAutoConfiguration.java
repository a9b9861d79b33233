package io.github.camelseedance.seedance.springboot;

import java.util.HashMap;
import java.util.Map;

import io.github.camelseedance.seedance.SeedanceComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Configures the seedance component from {@code camel.component.seedance.*}, as camel-spring-boot's starters
 * configure Camel's own components: a {@link ComponentCustomizer} copies every property that is set onto the
 * component when Camel creates it. {@code camel.component.seedance.enabled=false} (or
 * {@code camel.component.enabled=false}) turns it off.
 * <p>
 * The options Camel autowires (marked autowired in the component's catalog, such as the {@code HttpClient}) need no
 * property: Camel's registry is the Spring application context, so a single bean of the type is picked up. Options
 * that take a bean also accept its name ({@code camel.component.seedance.task-store=#bean:tasks}).
 */
@AutoConfiguration(after = { CamelAutoConfiguration.class, SeedanceComponentConverter.class })
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, SeedanceComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.seedance" })
public class SeedanceComponentAutoConfiguration {

    /** The property holding a whole {@code SeedanceConfiguration} bean. */
    static final String CONFIGURATION = "configuration";

    @Lazy
    @Bean
    public ComponentCustomizer configureSeedanceComponent(
                                                          ApplicationContext applicationContext,
                                                          CamelContext camelContext,
                                                          SeedanceComponentConfiguration configuration) {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                Map<String, Object> options = CamelPropertiesHelper.getNonNullProperties(camelContext, configuration);
                // a whole configuration bean first, so that the single options set beside it refine it
                Object whole = options.remove(CONFIGURATION);
                if (whole != null) {
                    Map<String, Object> first = new HashMap<>();
                    first.put(CONFIGURATION, whole);
                    CamelPropertiesHelper.copyProperties(camelContext, first, target);
                }
                CamelPropertiesHelper.copyProperties(camelContext, options, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext,
                        "camel.component.customizer", "camel.component.seedance.customizer")
                       && target instanceof SeedanceComponent;
            }
        };
    }
}
