package io.github.camelseedance.seedance.operation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.rules.RequestReader;
import io.github.camelseedance.runware.rules.Violation;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceConfigurationConfigurer;
import io.github.camelseedance.seedance.SeedanceConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-message overrides: one binding of CamelSeedance* headers onto a copy of the endpoint's configuration. */
class MessageConfigurationTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private Exchange exchange(Map<String, Object> headers) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeaders(new java.util.HashMap<>(headers));
        return exchange;
    }

    @Test
    void headersOverrideACopyAndLeaveTheEndpointConfigurationAlone() {
        SeedanceConfiguration endpoint = new SeedanceConfiguration();
        endpoint.setDuration(5);

        MessageConfiguration message = MessageConfiguration.bind(exchange(Map.of(
                SeedanceConstants.DURATION, "8",
                SeedanceConstants.AUDIO, "false",
                SeedanceConstants.POLL_INTERVAL, "2s",
                SeedanceConstants.WAIT_TIMEOUT, Duration.ofMinutes(3),
                SeedanceConstants.INITIAL_POLL_DELAY, 250,
                SeedanceConstants.POLL_MULTIPLIER, "2.5")), endpoint);

        assertThat(message.options().getDuration()).isEqualTo(8);
        assertThat(message.options().getAudio()).isFalse();
        assertThat(message.options().getPollInterval()).isEqualTo(2000);
        assertThat(message.options().getWaitTimeout()).isEqualTo(180_000);
        assertThat(message.options().getInitialPollDelay()).isEqualTo(250);
        assertThat(message.options().getPollMultiplier()).isEqualTo(2.5);
        assertThat(message.fromHeaders()).containsExactlyInAnyOrder("duration", "audio", "pollInterval",
                "waitTimeout", "initialPollDelay", "pollMultiplier");
        assertThat(endpoint.getDuration()).isEqualTo(5);
        assertThat(endpoint.getAudio()).isNull();
    }

    @Test
    void everyBadHeaderIsReportedAtOnceNamingTheHeaderItsValueAndTheType() {
        assertThatThrownBy(() -> MessageConfiguration.bind(exchange(Map.of(
                SeedanceConstants.DURATION, "eight",
                SeedanceConstants.DOWNLOAD_VIDEO, "yes",
                SeedanceConstants.WAIT_TIMEOUT, "soon")), new SeedanceConfiguration()))
                .isInstanceOfSatisfying(RunwareValidationException.class, e -> {
                    assertThat(e.violations()).extracting(v -> v.parameters().get(0)).containsExactlyInAnyOrder(
                            SeedanceConstants.DURATION, SeedanceConstants.DOWNLOAD_VIDEO,
                            SeedanceConstants.WAIT_TIMEOUT);
                    assertThat(e.violations()).extracting(Violation::message).anySatisfy(message -> assertThat(message)
                            .contains(SeedanceConstants.DOWNLOAD_VIDEO, "'yes'", "true or false"));
                    assertThat(e.violations()).extracting(Violation::message).anySatisfy(message -> assertThat(message)
                            .contains(SeedanceConstants.WAIT_TIMEOUT, "'soon'", "a duration"));
                });
    }

    @Test
    void securityOptionsAreNeverTakenFromHeaders() {
        SeedanceConfiguration endpoint = new SeedanceConfiguration();
        endpoint.setApiKey("sk-endpoint");

        MessageConfiguration message = MessageConfiguration.bind(exchange(Map.of(
                "CamelSeedanceApiKey", "sk-attacker", "CamelSeedanceBaseUrl", "http://attacker.example")), endpoint);

        assertThat(message.options().getApiKey()).isEqualTo("sk-endpoint");
        assertThat(message.options().getBaseUrl()).isEqualTo(endpoint.getBaseUrl());
        assertThat(message.fromHeaders()).isEmpty();
    }

    /**
     * The contract behind "a parameter is added in three places": every request parameter of the client is an option
     * of the configuration and has its header constant, so the binding and the request factory need no change.
     */
    @Test
    void everyRequestParameterIsAnOptionWithAHeader() throws Exception {
        SeedanceConfigurationConfigurer configurer = new SeedanceConfigurationConfigurer();
        List<String> headers = java.util.Arrays.stream(SeedanceConstants.class.getFields())
                .map(field -> {
                    try {
                        return String.valueOf(field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
        for (String parameter : RequestReader.parameterNames()) {
            if ("taskUUID".equals(parameter)) {
                assertThat(headers).contains(SeedanceConstants.TASK_UUID);
                continue;
            }
            assertThat(configurer.getOptionType(parameter, false)).as("option " + parameter).isNotNull();
            assertThat(headers).as("header of " + parameter).contains(SeedanceConstants.headerFor(parameter));
        }
    }
}
