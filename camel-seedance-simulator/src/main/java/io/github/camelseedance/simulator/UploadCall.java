package io.github.camelseedance.simulator;

/**
 * One outgoing {@code uploadEndpoint} PUT attempt.
 *
 * @param url     the task's {@code uploadEndpoint}
 * @param bytes   number of bytes of the video file sent as the body
 * @param attempt 1 for the first attempt, then 2, 3, ... for retries
 * @param status  HTTP status the endpoint answered, -1 when it did not answer
 */
public record UploadCall(String url, long bytes, int attempt, int status) {
}
