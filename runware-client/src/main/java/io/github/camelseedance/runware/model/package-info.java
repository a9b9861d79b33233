/**
 * The request and answer types of Runware video inference: the videoInference task (VideoInferenceRequest), task
 * states and statuses, finished video items, submit acknowledgements, uploads, price estimates, downloaded files
 * and webhook payloads.
 */
package io.github.camelseedance.runware.model;
