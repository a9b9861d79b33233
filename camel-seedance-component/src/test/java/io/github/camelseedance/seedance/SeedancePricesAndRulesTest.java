package io.github.camelseedance.seedance;

import java.math.BigDecimal;

import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prices and rules (issue 10, point 6): video to video is priced at its own rate; the ByteDance-side input rules are
 * checked before anything is sent, saying where they come from, and can be switched off; uploads use
 * {@code mediaStorage} and can be deleted again.
 */
class SeedancePricesAndRulesTest extends SeedanceTestSupport {

    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SeedanceComponent relaxed = SimulatedSeedance.component(SIMULATOR.baseUrl(), SIMULATOR.apiKey(), 100);
        relaxed.setProviderRules(false);
        context.addComponent("relaxed", relaxed);
        return context;
    }

    @Test
    void videoToVideoIsPricedAtItsOwnRate() {
        BigDecimal textToVideo = template.requestBody("seedance:estimate?resolution=480p&duration=4&audio=false",
                "A street at night", BigDecimal.class);
        BigDecimal videoToVideo = template.requestBody("seedance:estimate?resolution=480p&duration=4&audio=false"
                                                       + "&referenceVideos=https://example.com/day.mp4",
                "The same street at night", BigDecimal.class);

        assertThat(textToVideo).isEqualByComparingTo("0.144");
        assertThat(videoToVideo).isEqualByComparingTo("0.172");
        assertThat(SIMULATOR.requests().billedTasks()).isZero();
    }

    @Test
    void aReferenceAudioAloneIsRefusedBeforeAnythingIsSentSayingWhereTheRuleComesFrom() {
        Exchange exchange = template.request("seedance:generate?referenceAudios=https://example.com/a.mp3",
                e -> e.getMessage().setBody("A drum solo"));

        assertThat(exchange.getException()).isInstanceOfSatisfying(RunwareValidationException.class, e -> {
            assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.parameters())
                    .containsExactly("inputs.referenceAudios"));
            assertThat(e.getMessage()).contains("ByteDance-side").contains("providerRules");
        });
        assertThat(SIMULATOR.requests().all()).isEmpty();
    }

    @Test
    void providerRulesSwitchedOffLetRunwareJudge() {
        Exchange exchange = template.request("relaxed:submit?referenceAudios=https://example.com/a.mp3",
                e -> e.getMessage().setBody("A drum solo"));

        assertThat(exchange.getException()).isNull();
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void uploadedMediaIsDeletedAgain() {
        String mediaUUID = template.requestBody("seedance:upload", PNG, String.class);

        Exchange deleted = template.request("seedance:delete", e -> e.getMessage()
                .setHeader(SeedanceConstants.MEDIA_UUID, mediaUUID));
        Exchange again = template.request("seedance:delete", e -> e.getMessage().setBody(mediaUUID));

        assertThat(deleted.getException()).isNull();
        assertThat(again.getException()).isInstanceOf(RunwareNotFoundException.class);
        assertThat(SIMULATOR.requests().tasks("mediaStorage")).extracting(t -> t.get("operation") + " "
                                                                               + t.get("media").toString().substring(0,
                                                                                       14))
                .containsExactly("upload data:image/png", "delete " + mediaUUID.substring(0, 14),
                        "delete " + mediaUUID.substring(0, 14));
    }
}
