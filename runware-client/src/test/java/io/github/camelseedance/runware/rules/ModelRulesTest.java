package io.github.camelseedance.runware.rules;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.github.camelseedance.runware.internal.Abbreviation;
import io.github.camelseedance.runware.model.FrameImage;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRulesTest {

    private static final String UUID = "3b241101-e2bb-4255-8caf-4136c566a962";

    static VideoInferenceRequest.Builder valid() {
        return VideoInferenceRequest.builder().set("taskUUID", UUID).set("positivePrompt", "a cat surfing")
                .set("width", 1280).set("height", 720)
                .set("duration", 5);
    }

    static VideoInferenceRequest.Builder validWithFrames() {
        return VideoInferenceRequest.builder().set("taskUUID", UUID).set("positivePrompt", "a cat surfing")
                .set("frameImages", List.of(FrameImage.of("https://example.com/a.png"))).set("resolution", "480p");
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                rule("model missing", b -> b.set("model", " "), "missingParameter", "model"),
                rule("taskUUID not v4", b -> b.set("taskUUID", "3b241101-e2bb-1255-8caf-4136c566a962"),
                        "invalidParameterValue", "taskUUID"),
                rule("taskUUID not a uuid", b -> b.set("taskUUID", "task-1"), "invalidParameterValue", "taskUUID"),
                rule("prompt missing", b -> b.set("positivePrompt", null), "missingParameter", "positivePrompt"),
                rule("prompt too short", b -> b.set("positivePrompt", "a"), "invalidParameterValue", "positivePrompt"),
                rule("prompt too long", b -> b.set("positivePrompt", "x".repeat(10_001)), "invalidParameterValue",
                        "positivePrompt"),
                rule("duration below 4", b -> b.set("duration", 3), "unsupportedDuration", "duration"),
                rule("duration above 15", b -> b.set("duration", 16), "unsupportedDuration", "duration"),
                rule("numberResults 0", b -> b.set("numberResults", 0), "invalidParameterValue", "numberResults"),
                rule("numberResults 5", b -> b.set("numberResults", 5), "invalidParameterValue", "numberResults"),
                rule("outputQuality 19", b -> b.set("outputQuality", 19), "invalidParameterValue", "outputQuality"),
                rule("outputQuality 100", b -> b.set("outputQuality", 100), "invalidParameterValue", "outputQuality"),
                rule("ttl 59", b -> b.set("ttl", 59), "invalidParameterValue", "ttl"),
                rule("outputType base64", b -> b.set("outputType", "base64Data"), "invalidParameterValue",
                        "outputType"),
                rule("outputFormat GIF", b -> b.set("outputFormat", "GIF"), "invalidParameterValue", "outputFormat"),
                rule("outputFormat lower case", b -> b.set("outputFormat", "mp4"), "invalidParameterValue",
                        "outputFormat"),
                rule("deliveryMethod sync", b -> b.set("deliveryMethod", "sync"), "invalidParameterValue",
                        "deliveryMethod"),
                rule("safety mode", b -> b.set("safetyMode", "strict"), "invalidParameterValue", "safety.mode"),
                rule("webhookURL ftp", b -> b.set("webhookURL", "ftp://example.com/hook"), "invalidParameterValue",
                        "webhookURL"),
                rule("webhookURL relative", b -> b.set("webhookURL", "/hook"), "invalidParameterValue", "webhookURL"),
                rule("uploadEndpoint not a URI", b -> b.set("uploadEndpoint", "http://exa mple.com"),
                        "invalidParameterValue",
                        "uploadEndpoint"),
                rule("width without height", b -> b.set("height", null), "missingDimensionParameters", "width",
                        "height"),
                rule("height without width", b -> b.set("width", null), "missingDimensionParameters", "width",
                        "height"),
                rule("neither frames nor size", b -> b.set("width", null).set("height", null),
                        "missingDimensionParameters", "width",
                        "height"),
                rule("size not in the table", b -> b.set("width", 1000).set("height", 720), "invalidParameterValue",
                        "width",
                        "height"),
                rule("1080p size on mini", b -> b.set("width", 1920).set("height", 1080), "invalidParameterValue",
                        "width",
                        "height"),
                rule("resolution with size", b -> b.set("resolution", "720p"), "conflictingParameters", "resolution",
                        "width",
                        "height"),
                rule("resolution without frames or size",
                        b -> b.set("resolution", "720p").set("width", null).set("height", null),
                        "missingDimensionParameters", "width", "height"),
                rule("frames with size", b -> b.set("frameImages", List.of(FrameImage.of("img"))),
                        "conflictingParameters",
                        "inputs.frameImages", "width", "height"),
                rule("unknown resolution",
                        b -> b.set("width", null).set("height", null).set("frameImages", List.of(FrameImage.of("i")))
                                .set("resolution", "1080p"),
                        "invalidParameterValue", "resolution"),
                rule("three frame images",
                        b -> b.set("width", null).set("height", null).set("frameImages", List.of(FrameImage.of("a"),
                                new FrameImage("b", "first"), new FrameImage("c", "last"))),
                        "invalidParameterValue",
                        "inputs.frameImages"),
                rule("bad frame value",
                        b -> b.set("width", null).set("height", null).set("frameImages", List.of(new FrameImage("a",
                                "middle"))),
                        "invalidParameterValue", "inputs.frameImages.frame"),
                rule("two first frames",
                        b -> b.set("width", null).set("height", null).set("frameImages", List.of(new FrameImage("a",
                                "first"), new FrameImage("b", "0"))),
                        "conflictingParameters", "inputs.frameImages"),
                rule("untagged second and last",
                        b -> b.set("width", null).set("height", null).set("frameImages", List.of(
                                new FrameImage("a", "last"), FrameImage.of("b"))),
                        "conflictingParameters",
                        "inputs.frameImages"),
                rule("frame image without image",
                        b -> b.set("width", null).set("height", null).set("frameImages", List.of(
                                new FrameImage(" ", "first"))),
                        "missingParameter", "inputs.frameImages.image"),
                rule("ten reference images", b -> b.set("referenceImages", Collections.nCopies(10, "img")),
                        "invalidParameterValue", "inputs.referenceImages"),
                rule("four reference videos", b -> b.set("referenceVideos", Collections.nCopies(4, "v")),
                        "invalidParameterValue", "inputs.referenceVideos"),
                rule("four reference audios", b -> b.set("referenceAudios", Collections.nCopies(4, "a"))
                        .set("referenceImages", List.of("i")),
                        "invalidParameterValue", "inputs.referenceAudios"),
                rule("frames with references",
                        b -> b.set("width", null).set("height", null).set("frameImages", List.of(FrameImage.of("a")))
                                .set("referenceImages", List.of("r")).set("referenceAudios", List.of("s")),
                        "conflictingParameters",
                        "inputs.frameImages", "inputs.referenceImages", "inputs.referenceAudios"));
    }

    private static Arguments rule(String name, UnaryOperator<VideoInferenceRequest.Builder> change, String code,
                                  String... parameters) {
        return Arguments.of(name, change, code, List.of(parameters));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void everyRuleIsChecked(String name, UnaryOperator<VideoInferenceRequest.Builder> change, String code,
                            List<String> parameters) {
        VideoInferenceRequest request = change.apply(valid()).build();

        List<Violation> violations = ModelRules.forModel(request.model()).validate(request);

        assertThat(violations).as(name).hasSize(1);
        Violation violation = violations.get(0);
        assertThat(violation.code()).isEqualTo(code);
        assertThat(violation.parameters()).isEqualTo(parameters);
        assertThat(violation.allowed()).isNotBlank();
        assertThat(violation.message()).contains(parameters.get(0)).contains(violation.allowed())
                .contains(violation.value() == null ? "not given" : Abbreviation.of(violation.value()));
    }

    @ParameterizedTest
    @ValueSource(strings = { ModelRules.SEEDANCE_2_MINI, ModelRules.SEEDANCE_2, ModelRules.SEEDANCE_2_FAST })
    void validRequestsPassForEveryModel(String model) {
        assertThat(ModelRules.forModel(model).validate(valid().set("model", model).build())).isEmpty();
        assertThat(ModelRules.forModel(model).validate(validWithFrames().set("model", model).build())).isEmpty();
    }

    @Test
    void fullyLoadedValidRequestPasses() {
        VideoInferenceRequest request = valid().set("width", null).set("height", null).set("resolution", "720p")
                .set("numberResults", 4)
                .set("duration", 15).set("outputType", "URL").set("outputFormat", "WEBM").set("outputQuality", 20)
                .set("webhookURL", "https://h.io/x?t=1")
                .set("deliveryMethod", "async").set("uploadEndpoint", "http://s3.example.com/put").set("ttl", 60)
                .set("includeCost", true)
                .set("audio", false).set("safetyCheckContent", true).set("safetyMode", "full")
                .set("frameImages", List.of(new FrameImage("a", "first"), new FrameImage("b", "-1"))).build();

        assertThat(ModelRules.forModel(request.model()).validate(request)).isEmpty();
    }

    @Test
    void referencesWithoutFramesAreAllowedUpToTheirLimits() {
        VideoInferenceRequest request = valid().set("referenceImages", Collections.nCopies(9, "i"))
                .set("referenceVideos", List.of("v1", "v2", "v3")).set("referenceAudios", List.of("a1", "a2", "a3"))
                .build();

        assertThat(ModelRules.forModel(request.model()).validate(request, false)).isEmpty();
        assertThat(ModelRules.forModel(request.model()).validate(request.toBuilder()
                .set("referenceImages", Collections.nCopies(6, "i")).build())).isEmpty();
    }

    @Test
    void byteDanceSideRulesSayWhereTheyComeFromAndCanBeSwitchedOff() {
        ModelRules mini = ModelRules.forModel(ModelRules.SEEDANCE_2_MINI);
        VideoInferenceRequest audioAlone = valid().set("referenceAudios", List.of("a1")).build();
        VideoInferenceRequest thirteenFiles = valid().set("referenceImages", Collections.nCopies(9, "i"))
                .set("referenceVideos", List.of("v1", "v2", "v3")).set("referenceAudios", List.of("a1")).build();

        assertThat(mini.validate(audioAlone)).singleElement().satisfies(v -> {
            assertThat(v.parameters()).containsExactly("inputs.referenceAudios");
            assertThat(v.message()).contains("ByteDance-side rule").contains("providerRules=false");
        });
        assertThat(mini.validate(thirteenFiles)).singleElement().satisfies(v -> {
            assertThat(v.parameters()).containsExactly("inputs.referenceImages", "inputs.referenceVideos",
                    "inputs.referenceAudios");
            assertThat(v.value()).isEqualTo("13 reference files");
            assertThat(v.message()).contains("at most 12").contains("ByteDance-side rule");
        });
        assertThat(mini.validate(audioAlone.toBuilder().set("referenceImages", List.of("i")).build())).isEmpty();
        assertThat(mini.validate(audioAlone, false)).isEmpty();
        assertThat(mini.validate(thirteenFiles, false)).isEmpty();
    }

    @Test
    void everyViolationIsReportedNotJustTheFirst() {
        VideoInferenceRequest request = valid().set("taskUUID", "x").set("positivePrompt", null).set("duration", 99)
                .set("numberResults", 9)
                .set("outputFormat", "AVI").set("width", 1).build();

        assertThat(ModelRules.forModel(request.model()).validate(request)).extracting(Violation::parameters)
                .containsExactly(List.of("taskUUID"), List.of("outputFormat"), List.of("positivePrompt"),
                        List.of("duration"), List.of("numberResults"), List.of("width", "height"));
    }

    @Test
    void seedance2AcceptsItsLargerResolutionsButTheOthersDoNot() {
        VideoInferenceRequest big = valid().set("model", ModelRules.SEEDANCE_2).set("width", 3840).set("height", 2160)
                .build();

        assertThat(ModelRules.forModel(ModelRules.SEEDANCE_2).validate(big)).isEmpty();
        assertThat(ModelRules.forModel(ModelRules.SEEDANCE_2_FAST).validate(big.toBuilder()
                .set("model", ModelRules.SEEDANCE_2_FAST).build())).extracting(Violation::code)
                .containsExactly("invalidParameterValue");
        assertThat(ModelRules.forModel(ModelRules.SEEDANCE_2).resolutions())
                .containsExactly("480p", "720p", "1080p", "4k");
        assertThat(ModelRules.forModel(ModelRules.SEEDANCE_2_MINI).resolutions()).containsExactly("480p", "720p");
        assertThat(ModelRules.forModel(ModelRules.SEEDANCE_2_FAST).resolutions()).containsExactly("480p", "720p");
    }

    @Test
    void unknownModelGetsPlatformRulesOnly() {
        ModelRules rules = ModelRules.forModel("acme:video@1");
        VideoInferenceRequest request = VideoInferenceRequest.builder().set("model", "acme:video@1")
                .set("taskUUID", UUID)
                .set("duration", 99).set("width", 1).build();

        assertThat(rules.isKnown()).isFalse();
        assertThat(rules.resolutions()).isEmpty();
        assertThat(rules.validate(request)).isEmpty();
        assertThat(rules.validate(request.toBuilder().set("ttl", 10).set("outputFormat", "GIF").build()))
                .extracting(Violation::parameters).containsExactly(List.of("outputFormat"), List.of("ttl"));
        assertThat(rules.cost(request.toBuilder().set("width", 1280).set("height", 720).build())).isEmpty();
    }

    @Test
    void sizeTable() {
        ModelRules mini = ModelRules.forModel(ModelRules.SEEDANCE_2_MINI);

        assertThat(mini.sizeFor("720p", "16:9")).hasValueSatisfying(s -> assertThat(s).containsExactly(1280, 720));
        assertThat(mini.sizeFor("480p", "9:16")).hasValueSatisfying(s -> assertThat(s).containsExactly(496, 864));
        assertThat(mini.sizeFor("720p", "21:9")).hasValueSatisfying(s -> assertThat(s).containsExactly(1470, 630));
        assertThat(mini.sizeFor("1080p", "16:9")).isEmpty();
        assertThat(mini.sizeFor("720p", "2:1")).isEmpty();
        assertThat(ModelRules.forModel(ModelRules.SEEDANCE_2).sizeFor("4k", "1:1"))
                .hasValueSatisfying(s -> assertThat(s).containsExactly(2880, 2880));
        assertThat(mini.aspectRatios()).containsExactly("16:9", "4:3", "1:1", "3:4", "9:16", "21:9");
        assertThat(mini.resolutionOf(752, 560)).isEqualTo("480p");
        assertThat(mini.resolutionOf(834, 1112)).isEqualTo("720p");
        assertThat(mini.resolutionOf(1920, 1080)).isNull();
        assertThat(ModelRules.forModel(ModelRules.SEEDANCE_2).resolutionOf(1920, 1080)).isEqualTo("1080p");
    }

    @Test
    void pricesComeFromTheOneTableThatMarksItsAssumptions() {
        assertThat(PriceTable.price(ModelRules.SEEDANCE_2_MINI, "480p", false)).get()
                .satisfies(p -> assertThat(p.usdPerSecond()).isEqualByComparingTo("0.036"))
                .satisfies(p -> assertThat(p.assumed()).isFalse());
        assertThat(PriceTable.price(ModelRules.SEEDANCE_2_MINI, "720p", false)).get()
                .satisfies(p -> assertThat(p.usdPerSecond()).isEqualByComparingTo("0.081"));
        assertThat(PriceTable.price(ModelRules.SEEDANCE_2_MINI, "480p", true)).get()
                .satisfies(p -> assertThat(p.usdPerSecond()).isEqualByComparingTo("0.043"));
        assertThat(PriceTable.price(ModelRules.SEEDANCE_2_MINI, "720p", true)).get()
                .satisfies(p -> assertThat(p.usdPerSecond()).isEqualByComparingTo("0.096"));
        assertThat(PriceTable.price(ModelRules.SEEDANCE_2_FAST, "720p", false)).get()
                .satisfies(p -> assertThat(p.usdPerSecond()).isEqualByComparingTo("0.11"))
                .satisfies(p -> assertThat(p.assumed()).isTrue());
        assertThat(PriceTable.price(ModelRules.SEEDANCE_2, "4k", false)).get()
                .satisfies(p -> assertThat(p.assumed()).isTrue());
        assertThat(PriceTable.price(ModelRules.SEEDANCE_2_MINI, "4k", false)).isEmpty();
        assertThat(PriceTable.all()).filteredOn(PriceTable.Price::assumed)
                .allSatisfy(p -> assertThat(p.model()).isNotEqualTo(ModelRules.SEEDANCE_2_MINI));
        assertThat(PriceTable.SOURCE).contains("Runware").contains("assumed");
    }

    @Test
    void costOfARequest() {
        ModelRules mini = ModelRules.forModel(ModelRules.SEEDANCE_2_MINI);
        VideoInferenceRequest textToVideo = valid().set("width", 864).set("height", 496).set("duration", 4).build();

        assertThat(mini.cost(textToVideo)).get().satisfies(c -> assertThat(c).isEqualByComparingTo("0.144"));
        assertThat(mini.cost(textToVideo.toBuilder().set("referenceVideos", List.of("v")).build())).get()
                .satisfies(c -> assertThat(c).isEqualByComparingTo("0.172"));
        assertThat(mini.cost(textToVideo.toBuilder().set("numberResults", 2).build())).get()
                .satisfies(c -> assertThat(c).isEqualByComparingTo("0.288"));
        assertThat(mini.cost(valid().set("duration", null).build())).get()
                .satisfies(c -> assertThat(c).isEqualByComparingTo(new BigDecimal("0.405")));
    }
}
