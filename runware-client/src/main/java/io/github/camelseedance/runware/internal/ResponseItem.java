package io.github.camelseedance.runware.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.VideoItem;

/**
 * One {@code data} item of a Runware answer, read by Jackson: whichever task type answered it (a submit
 * acknowledgement, a result of a poll or webhook, a dry-run price, an upload, the details of a past task), the
 * fields it may carry.
 *
 * @param taskType    the task type, may be absent (a processing poll item)
 * @param taskUUID    the task
 * @param status      {@code processing}, {@code success}, {@code error} (or {@code dryRun}), may be absent
 * @param progress    0..100, when reported
 * @param resultIndex which result of the task this is, when reported
 * @param videoUUID   a finished video's uuid
 * @param videoURL    a finished video's URL
 * @param seed        a finished video's seed
 * @param cost        USD, with {@code includeCost} or in a dry run
 * @param nsfwContent the {@code NSFWContent} flag
 * @param mediaUUID   stored media's uuid ({@code mediaStorage})
 * @param mediaURL    stored media's URL ({@code mediaStorage})
 * @param error       the error of a failed result shown as a data item
 * @param request     {@code getTaskDetails}: the task objects sent
 * @param response    {@code getTaskDetails}: the answer to them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponseItem(
                           String taskType,
                           String taskUUID,
                           String status,
                           BigDecimal progress,
                           Integer resultIndex,
                           String videoUUID,
                           URI videoURL,
                           Long seed,
                           BigDecimal cost,
                           @JsonProperty("NSFWContent") @JsonAlias("nsfwContent") Boolean nsfwContent,
                           String mediaUUID,
                           URI mediaURL,
                           RunwareError error,
                           List<Map<String, Object>> request,
                           RunwareResponse.Envelope response) {

    /** @return the state its {@code status} names, {@code null} when absent or unknown */
    public TaskState state() {
        return TaskState.ofApiName(status);
    }

    /** @return whether it is a finished video: {@code status: success}, or (older answers) a video without status */
    public boolean isVideo() {
        return state() == TaskState.SUCCESS || status == null && (videoURL != null || videoUUID != null);
    }

    /** @return the finished video it describes */
    public VideoItem video() {
        return new VideoItem(taskUUID, resultIndex, videoUUID, videoURL, seed, cost, nsfwContent);
    }
}
