package io.github.camelseedance.simulator;

import java.time.Duration;

/**
 * What the {@link FaultPlan} decided for one API request: how to answer it and how long to wait before answering.
 *
 * @param action what happens to the request
 * @param status the HTTP status for {@link Action#HTTP_ERROR}
 * @param delay  extra wait before the answer (slow answers), zero for none
 */
record RequestFault(Action action, int status, Duration delay) {

    static final RequestFault NONE = new RequestFault(Action.PROCESS, 0, Duration.ZERO);

    /** The ways an API request can be treated. */
    enum Action {
        /** Processed and answered normally. */
        PROCESS,
        /** Answered with {@link #status()} in the error envelope; not processed. */
        HTTP_ERROR,
        /** Connection closed with no answer; not processed. */
        RESET,
        /** 200 with a truncated JSON body; not processed. */
        MALFORMED_JSON,
        /** Processed, then the connection is closed with no answer. */
        DROP_RESPONSE
    }

    RequestFault delayedBy(Duration extra) {
        return new RequestFault(action, status, extra);
    }
}
