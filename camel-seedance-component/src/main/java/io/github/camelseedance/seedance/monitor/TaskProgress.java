package io.github.camelseedance.seedance.monitor;

import java.time.Duration;

/**
 * How far a running task is, for humans: Runware reports no progress for video, so the time it still needs is
 * estimated from the render times observed for the same model, resolution and duration.
 *
 * @param elapsed   how long it has run since its submit
 * @param remaining how long it still needs by the render times observed, {@code null} when none are comparable
 */
public record TaskProgress(Duration elapsed, Duration remaining) {
}
