package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;

/**
 * The price of a task, reckoned before it is submitted.
 *
 * @param amount     USD for the whole task (every result)
 * @param source     how it was reckoned: from the price table or by a dry run
 * @param model      the model
 * @param resolution the resolution priced (null for a dry run of a size in no table)
 * @param duration   the video's length in seconds
 * @param results    the number of results
 * @param perSecond  the table's USD per second of one result, {@code null} for a dry run
 */
public record TaskPrice(BigDecimal amount, CostCheck source, String model, String resolution, int duration,
                        int results, BigDecimal perSecond) {

    /** @return what makes the price, for messages: {@code 720p x 5 s x 2 results at 0.081 USD/s (price table)} */
    public String describe() {
        String what = (resolution != null ? resolution + " x " : "") + duration + " s x " + results
                      + (results == 1 ? " result" : " results");
        return perSecond != null ? what + " at " + perSecond.toPlainString() + " USD/s (price table of " + model + ")"
                : what + " (dry run of " + model + ")";
    }
}
