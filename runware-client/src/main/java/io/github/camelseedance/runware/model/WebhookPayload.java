package io.github.camelseedance.runware.model;

import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.internal.Abbreviation;
import io.github.camelseedance.runware.internal.EnvelopeParser;
import io.github.camelseedance.runware.internal.Json;
import io.github.camelseedance.runware.internal.RunwareResponse;
import io.github.camelseedance.runware.internal.TaskStatusReader;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.internal.Abbreviation;
import io.github.camelseedance.runware.internal.EnvelopeParser;
import io.github.camelseedance.runware.internal.Json;
import io.github.camelseedance.runware.internal.RunwareResponse;
import io.github.camelseedance.runware.internal.TaskStatusReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what Runware POSTs to a {@code webhookURL}: the same envelope as a poll answer ({@code {"data":[item]}}, or
 * {@code errors} for a failed task), usually one finished result per call.
 */
public final class WebhookPayload {

    private WebhookPayload() {
    }

    /**
     * Reads a delivery.
     *
     * @param  body the request body
     * @return      one status per task the delivery speaks of, in order; empty when it names no task
     * @throws RunwareConnectionException when the body is not a Runware envelope
     */
    public static List<TaskStatus> read(String body) {
        RunwareResponse response = EnvelopeParser.parse(200, Map.of(), body);
        if (response.data().isEmpty() && response.errors().isEmpty()) {
            throw new RunwareConnectionException("A webhook delivery is not a Runware envelope: "
                                                 + Abbreviation.of(body), null, 0, null);
        }
        Set<String> taskUUIDs = new LinkedHashSet<>();
        response.data().forEach(item -> {
            String uuid = Json.string(item.get("taskUUID"));
            if (uuid != null) {
                taskUUIDs.add(uuid);
            }
        });
        response.errors().forEach(error -> {
            if (error.taskUUID() != null) {
                taskUUIDs.add(error.taskUUID());
            }
        });
        return new ArrayList<>(TaskStatusReader.read(response, taskUUIDs).values());
    }
}
