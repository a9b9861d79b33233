package io.github.camelseedance.seedance;

import java.util.List;
import java.util.stream.Collectors;

import io.github.camelseedance.runware.model.FailedResult;
import org.apache.camel.RuntimeCamelException;

/**
 * Some results of a task failed while others succeeded, and the endpoint's {@code partialFailure} is
 * {@link SeedancePartialFailure#fail}. The successful videos, billed, are downloaded and reachable from here until the
 * exchange completes; the cause is the first failed result's typed Runware exception.
 */
public class SeedancePartialFailureException extends RuntimeCamelException {

    private static final long serialVersionUID = 1L;

    private final String taskUUID;
    private final transient List<SeedanceVideo> videos;
    private final transient List<FailedResult> failures;

    /**
     * Creates the exception.
     *
     * @param taskUUID the task
     * @param videos   the successful results, as delivered
     * @param failures the failed results (at least one)
     */
    public SeedancePartialFailureException(String taskUUID, List<SeedanceVideo> videos, List<FailedResult> failures) {
        super("Seedance task " + taskUUID + ": " + failures.size() + " of " + (videos.size() + failures.size())
              + " results failed (" + failures.stream().map(f -> f.code() + ": " + f.error().getMessage())
                      .collect(Collectors.joining("; "))
              + "); the " + videos.size() + " successful video(s) are billed and reachable from this exception",
                failures.get(0).error());
        this.taskUUID = taskUUID;
        this.videos = List.copyOf(videos);
        this.failures = List.copyOf(failures);
    }

    /** @return the task */
    public String getTaskUUID() {
        return taskUUID;
    }

    /** @return the successful videos (their temporary files live until the exchange completes) */
    public List<SeedanceVideo> getVideos() {
        return videos;
    }

    /** @return the failed results */
    public List<FailedResult> getFailures() {
        return failures;
    }
}
