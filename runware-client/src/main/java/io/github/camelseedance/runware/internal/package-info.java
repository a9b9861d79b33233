/**
 * The client's internals, not API: the HTTP transport on a bounded pool, retries with backoff and jitter, the
 * readers of answer envelopes and task statuses, the media downloader and small JSON helpers. May change in any
 * release.
 */
package io.github.camelseedance.runware.internal;
