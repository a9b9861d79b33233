/**
 * Plain-Java client for the Runware inference API as used for ByteDance Seedance 2.0 video generation.
 *
 * <p>It has no Camel dependency: {@link io.github.camelseedance.runware.RunwareClient} sends task objects over
 * {@link java.net.http.HttpClient} (asynchronously, retrying transient failures on a caller-provided scheduler),
 * {@link io.github.camelseedance.runware.VideoInferenceRequest} and {@link io.github.camelseedance.runware.ModelRules}
 * model and validate a {@code videoInference} task, and {@link io.github.camelseedance.runware.VideoTaskTracker}
 * waits for many tasks with one shared poll loop.
 */
package io.github.camelseedance.runware;
