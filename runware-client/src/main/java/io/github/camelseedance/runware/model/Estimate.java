package io.github.camelseedance.runware.model;

import java.math.BigDecimal;

/**
 * The price of a task as answered by a dry run; nothing was run or billed.
 *
 * @param taskUUID the uuid of the estimated task (not consumed by the dry run)
 * @param cost     the price in USD, {@code null} when the answer carried none
 */
public record Estimate(String taskUUID, BigDecimal cost) {
}
