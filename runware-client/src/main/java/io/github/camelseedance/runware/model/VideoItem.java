package io.github.camelseedance.runware.model;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;

/**
 * One finished video of a task (a task with {@code numberResults: N} produces N of them).
 *
 * @param taskUUID    the task it belongs to
 * @param videoUUID   the uuid of the video at Runware
 * @param videoURL    the temporary URL serving the video (download it before its ttl expires)
 * @param seed        the seed used, when reported
 * @param cost        the cost in USD of this result, only present with {@code includeCost: true}
 * @param nsfwContent the {@code NSFWContent} flag, when reported
 * @param raw         the item exactly as answered
 */
public record VideoItem(String taskUUID, String videoUUID, URI videoURL, Long seed, BigDecimal cost,
                        Boolean nsfwContent, Map<String, Object> raw) {
}
