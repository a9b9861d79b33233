package io.github.camelseedance.examples.studio;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One input of the studio as the page and the console show it: a snapshot, replaced as the input moves from waiting
 * to rendering to done or failed.
 *
 * @param id            stable id of this input's run (the inbox name and a sequence number)
 * @param input         the inbox file name
 * @param state         where it is
 * @param prompt        the prompt (null while waiting)
 * @param options       what the video is made with (model, resolution, ...), null while waiting
 * @param queuedAt      when the studio saw the file
 * @param startedAt     when it was sent (null while waiting)
 * @param finishedAt    when it was done or failed
 * @param estimate      the expected render time in seconds, from the render times observed so far
 * @param taskUUID      the Runware task (derived from the input, known before it is sent)
 * @param videos        the videos made (file names in the outbox), with their seed and cost
 * @param cost          USD of the task, when Runware reported it
 * @param error         why it failed
 * @param parameters    the request parameters the error names
 * @param retryFrom     the copy of the input in inbox/.done that "try again" drops back, null when there is none
 */
public record StudioJob(String id, String input, State state, String prompt, java.util.Map<String, Object> options,
                        Instant queuedAt, Instant startedAt, Instant finishedAt, Double estimate, String taskUUID,
                        List<Video> videos, BigDecimal cost, String error, List<String> parameters,
                        String retryFrom) {

    /** Where an input is. */
    public enum State {
        /** In the inbox, not picked up yet. */
        WAITING,
        /** Sent to Runware (or being sent), the video is rendering. */
        RENDERING,
        /** Its videos are in the outbox. */
        DONE,
        /** It failed: see {@link #error()}. */
        FAILED,
        /** The studio stopped before it was done; it stays in the inbox and is resumed on the next start. */
        ABANDONED
    }

    /**
     * A finished video.
     *
     * @param file the file name in the outbox
     * @param seed its seed
     * @param cost USD of this video, when reported
     * @param size bytes
     */
    public record Video(String file, Long seed, BigDecimal cost, long size) {
    }

    static StudioJob waiting(String id, String input, Instant now) {
        return new StudioJob(id, input, State.WAITING, null, null, now, null, null, null, null, List.of(), null,
                null, List.of(), null);
    }

    StudioJob rendering(String prompt, java.util.Map<String, Object> options, Instant now, double estimate,
                        String taskUUID) {
        return new StudioJob(id, input, State.RENDERING, prompt, options, queuedAt, now, null, estimate, taskUUID,
                List.of(), null, null, List.of(), null);
    }

    StudioJob done(List<Video> made, BigDecimal taskCost, Instant now) {
        return new StudioJob(id, input, State.DONE, prompt, options, queuedAt, startedAt, now, estimate, taskUUID,
                List.copyOf(made), taskCost, null, List.of(), null);
    }

    StudioJob failed(String reason, List<String> named, String doneCopy, Instant now) {
        return new StudioJob(id, input, State.FAILED, prompt, options, queuedAt, startedAt, now, estimate, taskUUID,
                List.of(), cost, reason, List.copyOf(named), doneCopy);
    }

    /** Not sent (Runware unreachable): back to waiting in the inbox, with the reason. */
    StudioJob putBack(String reason) {
        return new StudioJob(id, input, State.WAITING, prompt, options, queuedAt, null, null, null, taskUUID,
                List.of(), null, reason, List.of(), null);
    }

    StudioJob abandoned(Instant now) {
        return new StudioJob(id, input, State.ABANDONED, prompt, options, queuedAt, startedAt, now, estimate,
                taskUUID, List.of(), cost, null, List.of(), null);
    }

    /** Whether the input is still being worked on. */
    public boolean active() {
        return state == State.WAITING || state == State.RENDERING;
    }
}
