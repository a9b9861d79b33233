package io.github.camelseedance.runware.internal;

import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.Estimate;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.UploadedMedia;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.Estimate;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.UploadedMedia;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the envelope answered to one task (submit, dry run, upload) into its result or its classified error. */
public final class AnswerReader {

    private AnswerReader() {
    }

    /** The acknowledgement of a submit; a duplicate-uuid error means the task already exists. */
    public static SubmitAck submitAck(RunwareResponse response, String taskUUID, Set<String> duplicateCodes) {
        Optional<RunwareError> error = errorOf(response, taskUUID);
        if (error.isPresent() && duplicateCodes.contains(error.get().code())) {
            return new SubmitAck(taskUUID, true);
        }
        return new SubmitAck(item(response, taskUUID, error).map(AnswerReader::uuidOf).orElse(taskUUID), false);
    }

    /** The price answered to a dry run. */
    public static Estimate estimate(RunwareResponse response, String taskUUID) {
        Map<String, Object> item = item(response, taskUUID, errorOf(response, taskUUID)).orElseThrow();
        return new Estimate(taskUUID, Json.decimal(item.get("cost")));
    }

    /** The stored media answered to an upload, read from {@code <prefix>UUID} and {@code <prefix>URL}. */
    public static UploadedMedia uploaded(RunwareResponse response, String taskUUID, String prefix) {
        Map<String, Object> item = item(response, taskUUID, errorOf(response, taskUUID)).orElseThrow();
        String uuid = Json.string(item.get(prefix + "UUID"));
        if (uuid == null) {
            throw new RunwareConnectionException("Runware answer to task " + taskUUID + " has no " + prefix + "UUID: "
                                                 + Abbreviation.of(item), null, response.httpStatus(), null);
        }
        String url = Json.string(item.get(prefix + "URL"));
        return new UploadedMedia(uuid, url == null ? null : URI.create(url));
    }

    /** The error of that task (or of the whole request), if any. */
    private static Optional<RunwareError> errorOf(RunwareResponse response, String taskUUID) {
        return response.errors().stream()
                .filter(e -> e.taskUUID() == null || e.taskUUID().equals(taskUUID))
                .findFirst();
    }

    /**
     * The data item of that task; throws the classified error when there is one, or a failure when the answer holds
     * neither.
     */
    private static Optional<Map<String, Object>> item(RunwareResponse response, String taskUUID,
                                                      Optional<RunwareError> error) {
        if (error.isPresent()) {
            throw RunwareException.from(error.get(), response.httpStatus());
        }
        Optional<Map<String, Object>> item = response.data().stream()
                .filter(d -> taskUUID.equals(d.get("taskUUID")))
                .findFirst()
                .or(() -> response.data().size() == 1 ? Optional.of(response.data().get(0)) : Optional.empty());
        if (item.isEmpty()) {
            if (response.httpStatus() >= 400) {
                throw RunwareException.from(null, response.httpStatus());
            }
            throw new RunwareConnectionException("Runware answer (HTTP " + response.httpStatus()
                    + ") holds nothing about task " + taskUUID, RunwareError.of(null, null, taskUUID),
                    response.httpStatus(), null);
        }
        return item;
    }

    private static String uuidOf(Map<String, Object> item) {
        return Json.string(item.get("taskUUID"));
    }
}
