package io.github.camelseedance.runware.rules;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.camelseedance.runware.model.VideoInferenceRequest;

/**
 * The rules a {@code videoInference} request must follow for one model: the platform rules every task follows
 * (taskUUID, output options, delivery, ttl, URLs, safety mode) and, for the Seedance 2.0 models, the model's
 * parameter rules, resolutions and sizes, with the ByteDance-side input rules ({@link #validate(VideoInferenceRequest,
 * boolean)}), and its prices ({@link PriceTable}). An unknown model gets the platform rules only: it has no
 * resolutions, sizes or prices, and Runware itself judges the rest.
 */
public final class ModelRules {

    /** Seedance 2.0 Mini. */
    public static final String SEEDANCE_2_MINI = "bytedance:seedance@2.0-mini";
    /** Seedance 2.0. */
    public static final String SEEDANCE_2 = "bytedance:seedance@2.0";
    /** Seedance 2.0 Fast. */
    public static final String SEEDANCE_2_FAST = "bytedance:seedance@2.0-fast";
    /** The duration Runware applies when none is given, in seconds. */
    public static final int DEFAULT_DURATION = 5;
    /** The resolution Runware applies when a task gives neither a resolution nor a size. */
    public static final String DEFAULT_RESOLUTION = "720p";

    private static final Map<String, ModelRules> KNOWN = Map.of(
            SEEDANCE_2_MINI, new ModelRules(SEEDANCE_2_MINI, true, List.of("480p", "720p")),
            SEEDANCE_2_FAST, new ModelRules(SEEDANCE_2_FAST, true, List.of("480p", "720p")),
            SEEDANCE_2, new ModelRules(SEEDANCE_2, true, List.of("480p", "720p", "1080p", "4k")));

    private final String model;
    private final boolean known;
    private final Set<String> resolutions;

    private ModelRules(String model, boolean known, List<String> resolutions) {
        this.model = model;
        this.known = known;
        this.resolutions = Collections.unmodifiableSet(new LinkedHashSet<>(resolutions));
    }

    /**
     * The rules of a model.
     *
     * @param  model the model identifier
     * @return       its rules; for an unknown (or {@code null}) model the platform rules only
     */
    public static ModelRules forModel(String model) {
        ModelRules rules = model == null ? null : KNOWN.get(model);
        return rules != null ? rules : new ModelRules(model, false, List.of());
    }

    /**
     * Checks a request against every rule, the provider-side ones included.
     *
     * @param  request the request
     * @return         every violation found (empty when valid), not just the first
     */
    public List<Violation> validate(VideoInferenceRequest request) {
        return validate(request, true);
    }

    /**
     * Checks a request against every rule.
     *
     * @param  request       the request
     * @param  providerRules whether to check the ByteDance-side input rules that Runware's page does not state (a
     *                       reference audio only with a reference image or video; at most
     *                       {@value RequestValidator#REFERENCE_FILES_MAX} reference files in all)
     * @return               every violation found (empty when valid), not just the first
     */
    public List<Violation> validate(VideoInferenceRequest request, boolean providerRules) {
        return new RequestValidator(this, request, providerRules).validate();
    }

    /**
     * What a request costs by the {@link PriceTable}: price per second of its resolution and kind, times its
     * duration (Runware's default when not given), times its number of results.
     *
     * @param  request the request
     * @return         USD, empty when the table has no price for it (an unknown model, an unknown size)
     */
    public Optional<BigDecimal> cost(VideoInferenceRequest request) {
        return price(request).map(price -> price.usdPerSecond()
                .multiply(BigDecimal.valueOf((long) durationOf(request) * request.expectedResults())));
    }

    /**
     * The row of the {@link PriceTable} that prices a request: that of its resolution (the one its size belongs to,
     * else its preset, else Runware's default) and kind (video to video when it has reference videos).
     *
     * @param  request the request
     * @return         the row, empty when the table has none for it (an unknown model, an unknown size)
     */
    public Optional<PriceTable.Price> price(VideoInferenceRequest request) {
        String resolution = request.width() != null && request.height() != null
                ? resolutionOf(request.width(), request.height())
                : request.resolution() != null ? request.resolution() : DEFAULT_RESOLUTION;
        if (resolution == null) {
            return Optional.empty();
        }
        return PriceTable.price(model, resolution, request.inputs().referenceVideos() != null);
    }

    /**
     * @param  request a request
     * @return         the length of its video in seconds: its duration, else Runware's default
     */
    public static int durationOf(VideoInferenceRequest request) {
        return request.duration() != null ? request.duration() : DEFAULT_DURATION;
    }

    /**
     * The size of a resolution at an aspect ratio.
     *
     * @param  resolution  {@code 480p}, {@code 720p}, {@code 1080p} or {@code 4k}
     * @param  aspectRatio {@code 16:9}, {@code 4:3}, {@code 1:1}, {@code 3:4}, {@code 9:16} or {@code 21:9}
     * @return             {@code {width, height}}, empty when this model does not offer that resolution or the ratio
     *                     is unknown
     */
    public Optional<int[]> sizeFor(String resolution, String aspectRatio) {
        if (!resolutions().contains(resolution)) {
            return Optional.empty();
        }
        return SizeTable.size(resolution, aspectRatio);
    }

    /** @return the resolutions this model offers, lowest first (empty for an unknown model) */
    public Set<String> resolutions() {
        return resolutions;
    }

    /** @return the aspect ratios of the size tables */
    public Set<String> aspectRatios() {
        return SizeTable.ASPECT_RATIOS;
    }

    /**
     * Which resolution a size belongs to.
     *
     * @param  width  the width in pixels
     * @param  height the height in pixels
     * @return        the resolution of this model whose size table holds that size, or {@code null}
     */
    public String resolutionOf(int width, int height) {
        return resolutions().stream().filter(r -> SizeTable.holds(r, width, height)).findFirst().orElse(null);
    }

    /** @return the sizes this model accepts as {@code WIDTHxHEIGHT}, lowest resolution first */
    List<String> allowedSizes() {
        return resolutions().stream().flatMap(r -> SizeTable.sizes(r).stream()).toList();
    }

    /** @return the model identifier these rules are for (may be {@code null}) */
    public String model() {
        return model;
    }

    /** @return whether this model has a full rule table ({@code false}: platform rules only) */
    public boolean isKnown() {
        return known;
    }

    @Override
    public String toString() {
        return "ModelRules[" + model + (known ? ", resolutions " + resolutions() : ", platform rules only") + "]";
    }
}
