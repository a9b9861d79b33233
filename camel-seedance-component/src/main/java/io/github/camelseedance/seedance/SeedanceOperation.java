package io.github.camelseedance.seedance;

/**
 * What a {@code seedance:} endpoint does with an exchange.
 */
public enum SeedanceOperation {
    /** Submit a video task, wait for it without holding a thread, download the video(s): the everyday operation. */
    generate,
    /** Submit a video task and return at once with its task UUID. */
    submit,
    /** Ask once for the state of a task (one {@code getResponse}). */
    status,
    /** Fetch finished video(s) by URL or by task UUID into temporary files. */
    download,
    /** Upload media (image, video, audio) to Runware and return its UUID, for reuse across tasks. */
    upload,
    /** Delete media uploaded to Runware, by its UUID. */
    delete,
    /** Ask the price of a task with a dry run: nothing runs, nothing is billed. */
    estimate,
    /** Consumer only: receive the results Runware POSTs to the component's webhook, one exchange per video. */
    webhook
}
