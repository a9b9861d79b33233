package io.github.camelseedance.runware.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The one price table of the client: USD per second of video, per result, by model, resolution and kind of task
 * (text or image to video, or video to video: any {@code inputs.referenceVideos}).
 * <p>
 * Source: Runware's model page of Seedance 2.0 Mini (2026) for {@value ModelRules#SEEDANCE_2_MINI}. No Runware
 * source gives the prices of {@value ModelRules#SEEDANCE_2} and {@value ModelRules#SEEDANCE_2_FAST}: their figures
 * are assumptions ({@link Price#assumed()}), priced alike for video to video, as the simulator does. Runware computes
 * the price it bills; {@code estimate} asks it with a dry run and says when the answer differs from this table.
 */
public final class PriceTable {

    /** Where the figures come from. */
    public static final String SOURCE = "Runware model page of Seedance 2.0 Mini (2026); 2.0 and 2.0-fast assumed";

    /**
     * One row of the table.
     *
     * @param model        the model identifier
     * @param resolution   the resolution
     * @param videoToVideo whether it prices tasks with reference videos
     * @param usdPerSecond USD per second of one result
     * @param assumed      whether the figure is an assumption (no Runware source gives it)
     */
    public record Price(String model, String resolution, boolean videoToVideo, BigDecimal usdPerSecond,
                        boolean assumed) {
    }

    private static final List<Price> PRICES = List.of(
            price(ModelRules.SEEDANCE_2_MINI, "480p", "0.036", "0.043", false),
            price(ModelRules.SEEDANCE_2_MINI, "720p", "0.081", "0.096", false),
            price(ModelRules.SEEDANCE_2_FAST, "480p", "0.05", "0.05", true),
            price(ModelRules.SEEDANCE_2_FAST, "720p", "0.11", "0.11", true),
            price(ModelRules.SEEDANCE_2, "480p", "0.07", "0.07", true),
            price(ModelRules.SEEDANCE_2, "720p", "0.15", "0.15", true),
            price(ModelRules.SEEDANCE_2, "1080p", "0.33", "0.33", true),
            price(ModelRules.SEEDANCE_2, "4k", "0.80", "0.80", true))
            .stream().flatMap(List::stream).toList();

    private PriceTable() {
    }

    private static List<Price> price(String model, String resolution, String textOrImage, String videoToVideo,
                                     boolean assumed) {
        return List.of(new Price(model, resolution, false, new BigDecimal(textOrImage), assumed),
                new Price(model, resolution, true, new BigDecimal(videoToVideo), assumed));
    }

    /**
     * @param  model        a model identifier
     * @param  resolution   a resolution
     * @param  videoToVideo whether the task has reference videos
     * @return              the price, empty when the table has none
     */
    public static Optional<Price> price(String model, String resolution, boolean videoToVideo) {
        return PRICES.stream().filter(p -> p.model().equals(model) && p.resolution().equals(resolution)
                                           && p.videoToVideo() == videoToVideo)
                .findFirst();
    }

    /** @return every row, mini first */
    public static List<Price> all() {
        return PRICES;
    }
}
