package io.github.camelseedance.seedance.journal;

/**
 * What the component remembers of a task it submitted, until its videos are delivered: enough to resume waiting for
 * it and to deliver its results after a restart or on another instance.
 *
 * @param taskUUID        the task
 * @param expectedResults how many videos it makes
 * @param outputFormat    the container asked for (for file names), may be null
 * @param fileName        the incoming file name, for the video's name, may be null
 * @param idempotencyKey  the key the task UUID was derived from, may be null
 * @param submittedAt     when it was submitted, epoch milliseconds
 */
public record TaskRecord(String taskUUID, int expectedResults, String outputFormat, String fileName, String idempotencyKey,
                  long submittedAt) {
}
