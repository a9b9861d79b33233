package io.github.camelseedance.runware.model;

/**
 * Acknowledgement of a {@code videoInference} submit.
 *
 * @param taskUUID         the uuid of the task at Runware
 * @param alreadySubmitted {@code true} when Runware answered that this uuid was already submitted (for instance a
 *                         retried submit whose first answer was lost): the task exists and must be resumed, not
 *                         submitted again
 */
public record SubmitAck(String taskUUID, boolean alreadySubmitted) {
}
