package io.github.camelseedance.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A snapshot of one accepted {@code videoInference} task, as the simulator sees it.
 *
 * @param taskUUID      the task's uuid
 * @param model         the model id
 * @param state         {@code "processing"}, {@code "success"} or {@code "error"}
 * @param progress      0..100 (100 once successful)
 * @param results       number of finished results so far
 * @param numberResults number of results asked for
 * @param cost          price of the whole task in USD (all results)
 * @param errorCode     the error code when {@code state} is {@code "error"}, otherwise null
 * @param finishedAt    when the task reached {@code success} (its last result) or {@code error}; null while processing
 */
public record SimulatedTask(String taskUUID, String model, String state, int progress, int results,
                            int numberResults, BigDecimal cost, String errorCode,
                            Instant finishedAt) {
}
