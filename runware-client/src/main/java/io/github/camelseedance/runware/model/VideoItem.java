package io.github.camelseedance.runware.model;

import java.math.BigDecimal;
import java.net.URI;

/**
 * One finished video of a task (a task with {@code numberResults: N} produces up to N of them).
 *
 * @param taskUUID    the task it belongs to
 * @param resultIndex which result of the task it is, when Runware says ({@code resultIndex}), else {@code null}
 * @param videoUUID   the uuid of the video at Runware
 * @param videoURL    the temporary URL serving the video (download it before its ttl expires)
 * @param seed        the seed used, when reported
 * @param cost        the cost in USD of this result, only present with {@code includeCost: true}
 * @param nsfwContent the {@code NSFWContent} flag, when reported
 */
public record VideoItem(String taskUUID, Integer resultIndex, String videoUUID, URI videoURL, Long seed,
                        BigDecimal cost, Boolean nsfwContent) {

    /**
     * Which result of its task this is, the same whether it came by a poll, a webhook or getTaskDetails: its
     * {@code resultIndex} when given, else its videoUUID, else its URL.
     *
     * @return the result key
     */
    public String resultKey() {
        return ResultKeys.of(resultIndex, videoUUID != null ? videoUUID : String.valueOf(videoURL));
    }
}
