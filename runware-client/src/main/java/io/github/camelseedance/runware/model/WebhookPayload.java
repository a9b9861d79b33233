package io.github.camelseedance.runware.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.internal.Abbreviation;
import io.github.camelseedance.runware.internal.RunwareResponse;
import io.github.camelseedance.runware.internal.TaskStatuses;

/**
 * Reads what Runware POSTs to a {@code webhookURL}: the same envelope as a poll answer ({@code {"data":[item]}}), with
 * one finished result per call; a failed result or task as {@code errors}, the singular {@code error} or a data item
 * with {@code status: error}. A delivery is a part of its task's state: the results of several add up.
 */
public final class WebhookPayload {

    private WebhookPayload() {
    }

    /**
     * Reads a delivery.
     *
     * @param  body                       the request body
     * @return                            one status per task the delivery speaks of, in order; empty when it names
     *                                    no task
     * @throws RunwareConnectionException when the body is not a Runware envelope
     */
    public static List<TaskStatus> read(String body) {
        return read(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a delivery from its bytes, as {@link #read(String)} from its text.
     *
     * @param  body                       the request body, UTF-8
     * @return                            one status per task the delivery speaks of, in order; empty when it names
     *                                    no task
     * @throws RunwareConnectionException when the body is not a Runware envelope
     */
    public static List<TaskStatus> read(byte[] body) {
        RunwareResponse response = RunwareResponse.parse(200, body);
        if (response.data().isEmpty() && response.errors().isEmpty()) {
            throw new RunwareConnectionException("A webhook delivery is not a Runware envelope: "
                                                 + Abbreviation.of(new String(body, StandardCharsets.UTF_8)),
                    null, 0, null);
        }
        return new ArrayList<>(TaskStatuses.read(response, TaskStatuses.taskUUIDs(response)).values());
    }
}
