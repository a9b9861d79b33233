/**
 * The rules of each Seedance model (sizes, durations, media limits, which inputs go together) and the validation
 * that applies them before any request is sent, reporting every violation at once; also the reader that turns a
 * JSON-shaped map into a request.
 */
package io.github.camelseedance.runware.rules;
