/**
 * A local Runware API for tests, examples and benchmarks: RunwareSimulator serves the REST endpoint
 * (videoInference, getResponse, uploads, dry runs) with the model rules, asynchronous task life, webhooks and
 * uploadEndpoint PUTs, seeded faults (FaultPlan) and a journal of every request; a JUnit 5 extension and a
 * standalone main. Real playable videos are rendered in video.
 */
package io.github.camelseedance.simulator;
