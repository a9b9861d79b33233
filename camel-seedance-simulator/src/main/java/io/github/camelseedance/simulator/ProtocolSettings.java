package io.github.camelseedance.simulator;

import java.time.Duration;

/**
 * How the simulator shapes its answers where Runware's sources leave a choice (see
 * {@link RunwareSimulator.Builder} for each option and its default).
 *
 * @param progress             processing items carry {@code progress} (0..99)
 * @param processingTaskType   processing items carry {@code taskType}
 * @param shuffleResults       the items of a poll answer come in an order drawn from the seed, not result order
 * @param resultIndex          items and result errors carry {@code resultIndex}
 * @param taskNotFoundCode     the code of an unknown or forgotten task
 * @param batching             several getResponse tasks in one request
 * @param singularErrors       when the singular {@code error} form is used
 * @param resultErrorForm      how a failed result shows
 * @param taskDetailsRetention how long getTaskDetails knows a task after it finished
 * @param seed                 seeds the order of shuffled items
 */
record ProtocolSettings(boolean progress, boolean processingTaskType, boolean shuffleResults, boolean resultIndex,
                        String taskNotFoundCode, GetResponseBatching batching, SingularErrors singularErrors,
                        ResultErrorForm resultErrorForm, Duration taskDetailsRetention, long seed) {
}
