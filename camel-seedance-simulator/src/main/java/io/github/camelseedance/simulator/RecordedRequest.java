package io.github.camelseedance.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request the simulator received, as it was answered.
 *
 * @param method     HTTP method
 * @param path       request path, e.g. {@code /v1} or {@code /media/<uuid>.mp4}
 * @param query      raw query string, null when absent
 * @param headers    request headers; {@code Authorization} is masked as {@code Bearer ***}
 * @param body       request body as UTF-8 text (empty for GETs)
 * @param tasks      the task objects of the body as parsed JSON (nested Maps/Lists), with any {@code apiKey}
 *                   masked; empty when the body was not a JSON array of objects
 * @param status     HTTP status answered, -1 when the connection was closed without an answer
 * @param dryRun     whether the request carried {@code X-Runware-Dry-Run: 1}
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              String body, List<Map<String, Object>> tasks, int status, boolean dryRun,
                              Instant receivedAt) {
}
