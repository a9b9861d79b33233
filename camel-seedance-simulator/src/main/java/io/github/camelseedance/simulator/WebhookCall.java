package io.github.camelseedance.simulator;

/**
 * One outgoing webhook POST attempt.
 *
 * @param url     the task's {@code webhookURL}
 * @param body    the JSON body sent, {@code {"data":[item]}} (or {@code {"errors":[error]}} for a failed task)
 * @param attempt 1 for the first attempt, then 2, 3, ... for retries
 * @param status  HTTP status the receiver answered, -1 when it did not answer
 */
public record WebhookCall(String url, String body, int attempt, int status) {
}
