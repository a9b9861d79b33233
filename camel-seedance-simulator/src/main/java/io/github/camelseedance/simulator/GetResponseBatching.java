package io.github.camelseedance.simulator;

/**
 * How the simulator treats an API request that carries several {@code getResponse} tasks. Runware documents no
 * answer for it (both official SDKs send one getResponse per request), so clients that batch must notice an
 * answer that leaves tasks out.
 */
public enum GetResponseBatching {
    /** Every getResponse task of the request is answered (the default; assumed). */
    ALL,
    /** Only the first getResponse task is answered; the others get neither data nor an error. */
    FIRST_ONLY,
    /** A request with more than one getResponse task is refused as a whole: HTTP 400 {@code unsupportedGetResponseBatch}. */
    REJECT
}
