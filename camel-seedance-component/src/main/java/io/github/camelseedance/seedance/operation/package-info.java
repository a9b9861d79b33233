/**
 * One class per producer operation (generate, submit, status, download, upload, estimate) and what they share:
 * turning an exchange (body, headers, endpoint options) into a Runware request, inline media inputs, the submit
 * step with its idempotency key, and the delivery of finished videos onto the exchange.
 */
package io.github.camelseedance.seedance.operation;
