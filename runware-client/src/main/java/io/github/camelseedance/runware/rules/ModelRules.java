package io.github.camelseedance.runware.rules;

import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a {@code videoInference} request must follow for one model: the platform rules every task follows
 * (taskUUID, output options, delivery, ttl, URLs, safety mode) and, for the Seedance 2.0 models, the model's
 * parameter rules, resolutions, sizes and prices (see the size and price tables of the contracts). An unknown model
 * gets the platform rules only: it has no resolutions, sizes or prices, and Runware itself judges the rest.
 */
public final class ModelRules {

    /** Seedance 2.0 Mini. */
    public static final String SEEDANCE_2_MINI = "bytedance:seedance@2.0-mini";
    /** Seedance 2.0. */
    public static final String SEEDANCE_2 = "bytedance:seedance@2.0";
    /** Seedance 2.0 Fast. */
    public static final String SEEDANCE_2_FAST = "bytedance:seedance@2.0-fast";

    private static final Map<String, ModelRules> KNOWN = Map.of(
            SEEDANCE_2_MINI, new ModelRules(SEEDANCE_2_MINI, true, prices("480p", 0.036, "720p", 0.081)),
            SEEDANCE_2_FAST, new ModelRules(SEEDANCE_2_FAST, true, prices("480p", 0.05, "720p", 0.11)),
            SEEDANCE_2, new ModelRules(SEEDANCE_2, true,
                    prices("480p", 0.07, "720p", 0.15, "1080p", 0.33, "4k", 0.80)));

    private final String model;
    private final boolean known;
    private final Map<String, Double> prices;

    private ModelRules(String model, boolean known, Map<String, Double> prices) {
        this.model = model;
        this.known = known;
        this.prices = prices;
    }

    private static Map<String, Double> prices(Object... resolutionThenPrice) {
        Map<String, Double> prices = new LinkedHashMap<>();
        for (int i = 0; i < resolutionThenPrice.length; i += 2) {
            prices.put((String) resolutionThenPrice[i], (Double) resolutionThenPrice[i + 1]);
        }
        return Collections.unmodifiableMap(prices);
    }

    /**
     * The rules of a model.
     *
     * @param  model the model identifier
     * @return       its rules; for an unknown (or {@code null}) model the platform rules only
     */
    public static ModelRules forModel(String model) {
        ModelRules rules = model == null ? null : KNOWN.get(model);
        return rules != null ? rules : new ModelRules(model, false, Map.of());
    }

    /**
     * Checks a request against every rule.
     *
     * @param  request the request
     * @return         every violation found (empty when valid), not just the first
     */
    public List<Violation> validate(VideoInferenceRequest request) {
        return new RequestValidator(this, request).validate();
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
        return prices.keySet();
    }

    /** @return the aspect ratios of the size tables */
    public Set<String> aspectRatios() {
        return SizeTable.ASPECT_RATIOS;
    }

    /**
     * The price of one second of one result.
     *
     * @param  resolution               a resolution of this model
     * @return                          USD per second per result
     * @throws IllegalArgumentException when this model does not offer that resolution
     */
    public double pricePerSecond(String resolution) {
        Double price = prices.get(resolution);
        if (price == null) {
            throw new IllegalArgumentException("Model " + model + " has no price for resolution " + resolution
                                               + "; resolutions: " + resolutions());
        }
        return price;
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
