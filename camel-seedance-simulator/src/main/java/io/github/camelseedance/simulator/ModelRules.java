package io.github.camelseedance.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one Seedance 2.x model accepts and costs: its resolutions with their price per second per result (text or
 * image to video, and video to video: any {@code inputs.referenceVideos}), the duration and result ranges and the
 * input list limits. {@link #catalog()} holds the three served models.
 */
record ModelRules(String id, Map<Resolution, BigDecimal> pricePerSecond,
                  Map<Resolution, BigDecimal> videoToVideoPricePerSecond) {

    static final int MIN_DURATION = 4;
    static final int MAX_DURATION = 15;
    static final int DEFAULT_DURATION = 5;
    static final int MIN_RESULTS = 1;
    static final int MAX_RESULTS = 4;
    static final int MAX_FRAME_IMAGES = 2;
    static final int MAX_REFERENCE_IMAGES = 9;
    static final int MAX_REFERENCE_VIDEOS = 3;
    static final int MAX_REFERENCE_AUDIOS = 3;
    static final Resolution DEFAULT_RESOLUTION = Resolution.R720P;

    private static final Map<String, ModelRules> CATALOG = buildCatalog();

    /** The served models by id, in a stable order. */
    static Map<String, ModelRules> catalog() {
        return CATALOG;
    }

    static Optional<ModelRules> find(String id) {
        return Optional.ofNullable(CATALOG.get(id));
    }

    List<Resolution> resolutions() {
        return List.copyOf(pricePerSecond.keySet());
    }

    List<String> resolutionLabels() {
        return resolutions().stream().map(Resolution::label).toList();
    }

    /** Every width x height this model accepts, as "WxH" strings. */
    List<String> sizeLabels() {
        List<String> labels = new ArrayList<>();
        for (Resolution r : resolutions()) {
            r.sizes().forEach(s -> labels.add(s.toString()));
        }
        return labels;
    }

    /** The distinct widths (or heights) of this model's sizes, ascending. */
    List<Integer> dimensions(boolean widths) {
        return resolutions().stream().flatMap(r -> r.sizes().stream())
                .map(s -> widths ? s.width() : s.height()).distinct().sorted().toList();
    }

    /** The resolution whose size table holds that size, if this model serves it. */
    Optional<Resolution> resolutionOf(int width, int height) {
        Resolution.VideoSize size = new Resolution.VideoSize(width, height);
        return resolutions().stream().filter(r -> r.sizes().contains(size)).findFirst();
    }

    /** Price of one result: price per second times duration, 4 decimals. */
    BigDecimal costPerResult(Resolution resolution, int duration, boolean videoToVideo) {
        return taskCost(resolution, duration, 1, videoToVideo);
    }

    /** Price of a task: price per second times duration times number of results, 4 decimals. */
    BigDecimal taskCost(Resolution resolution, int duration, int numberResults, boolean videoToVideo) {
        Map<Resolution, BigDecimal> prices = videoToVideo ? videoToVideoPricePerSecond : pricePerSecond;
        return prices.get(resolution).multiply(BigDecimal.valueOf((long) duration * numberResults))
                .setScale(4, RoundingMode.HALF_UP);
    }

    private static Map<String, ModelRules> buildCatalog() {
        Map<String, ModelRules> models = new LinkedHashMap<>();
        // Mini: Runware's model page (text/image to video, and video to video with referenceVideos)
        Map<Resolution, String> mini = Map.of(Resolution.R480P, "0.036", Resolution.R720P, "0.081");
        add(models, "bytedance:seedance@2.0-mini", mini,
                Map.of(Resolution.R480P, "0.043", Resolution.R720P, "0.096"));
        // 2.0-fast and 2.0: no Runware source gives a price; assumed figures, video to video priced alike
        Map<Resolution, String> fast = Map.of(Resolution.R480P, "0.05", Resolution.R720P, "0.11");
        add(models, "bytedance:seedance@2.0-fast", fast, fast);
        Map<Resolution, String> full = Map.of(Resolution.R480P, "0.07", Resolution.R720P, "0.15",
                Resolution.R1080P, "0.33", Resolution.R4K, "0.80");
        add(models, "bytedance:seedance@2.0", full, full);
        return Collections.unmodifiableMap(models);
    }

    private static void add(Map<String, ModelRules> models, String id, Map<Resolution, String> prices,
                            Map<Resolution, String> videoToVideoPrices) {
        models.put(id, new ModelRules(id, ordered(prices), ordered(videoToVideoPrices)));
    }

    private static Map<Resolution, BigDecimal> ordered(Map<Resolution, String> prices) {
        Map<Resolution, BigDecimal> ordered = new LinkedHashMap<>();
        for (Resolution r : Resolution.values()) {
            if (prices.containsKey(r)) {
                ordered.put(r, new BigDecimal(prices.get(r)));
            }
        }
        return Collections.unmodifiableMap(ordered);
    }
}
