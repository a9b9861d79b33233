package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.github.camelseedance.runware.rules.PriceTable;

/**
 * The price of a task, reckoned before it is submitted.
 *
 * @param amount     USD for the whole task (every result)
 * @param source     how it was reckoned: from the price table or by a dry run
 * @param model      the model
 * @param resolution the resolution priced (null for a dry run of a size in no table)
 * @param duration   the video's length in seconds
 * @param results    the number of results
 * @param tableRow   the row of the {@link PriceTable} that priced it, {@code null} for a dry run
 */
public record TaskPrice(BigDecimal amount, CostCheck source, String model, String resolution, int duration,
                        int results, PriceTable.Price tableRow) {

    /**
     * @return what makes the price, for messages: {@code 720p x 5 s x 2 results at 0.081 USD/s (price table of
     *         bytedance:seedance@2.0-mini)}, with {@code 720p video to video} for a task with reference videos and
     *         {@code assumed} for a figure no Runware source gives
     */
    public String describe() {
        List<String> factors = new ArrayList<>();
        if (resolution != null) {
            factors.add(tableRow != null && tableRow.videoToVideo() ? resolution + " video to video" : resolution);
        }
        factors.add(duration + " s");
        factors.add(results + (results == 1 ? " result" : " results"));
        String what = String.join(" x ", factors);
        if (tableRow == null) {
            return what + " (dry run of " + model + ")";
        }
        return what + " at " + tableRow.usdPerSecond().toPlainString() + " USD/s (price table of " + model
               + (tableRow.assumed() ? ", assumed" : "") + ")";
    }
}
