/**
 * Waiting for many tasks with one shared poll loop: VideoTaskTracker polls every task in flight in batched
 * getResponse requests on one scheduler timer (no thread per task), under a WaitPolicy of intervals and deadlines,
 * on its ladder or (PollSchedule.learned) around the finish the render times learned per RenderKey predict
 * (RenderTimeEstimates, PollPlan).
 */
package io.github.camelseedance.runware.poll;
