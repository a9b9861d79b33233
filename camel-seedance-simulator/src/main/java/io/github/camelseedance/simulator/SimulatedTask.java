package io.github.camelseedance.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A snapshot of one accepted {@code videoInference} task, as the simulator sees it.
 *
 * @param taskUUID      the task's uuid
 * @param model         the model id
 * @param state         {@code "processing"} until every result is final, then {@code "success"} when at least one
 *                      result succeeded, {@code "error"} when none did
 * @param progress      0..100 (100 once finished)
 * @param results       number of results that succeeded so far (each billed)
 * @param failedResults number of results that ended in error so far (not billed)
 * @param numberResults number of results asked for
 * @param cost          price of the whole task in USD if every result succeeds
 * @param billedCost    what the succeeded results cost in USD
 * @param errorCode     the code of the task's failure or of its first failed result, otherwise null
 * @param finishedAt    when the task's last result (or its failure) landed; null while processing
 */
public record SimulatedTask(String taskUUID, String model, String state, int progress, int results,
                            int failedResults, int numberResults, BigDecimal cost, BigDecimal billedCost,
                            String errorCode, Instant finishedAt) {
}
