package io.github.camelseedance.seedance.monitor;

import io.github.camelseedance.runware.RunwareClientListener;

/**
 * What one Runware client (one API key and base URL) did on the wire, told to the monitor; remembers whether Runware
 * refused the key (HTTP 401 or 403 on an API request) since it last accepted it.
 */
public final class ClientActivity implements RunwareClientListener {

    private final RunwareClientListener monitor;
    private volatile int refusedStatus;

    ClientActivity(RunwareClientListener monitor) {
        this.monitor = monitor;
    }

    @Override
    public void answered(RequestKind kind, int httpStatus) {
        if (kind == RequestKind.API) {
            if (httpStatus == 401 || httpStatus == 403) {
                refusedStatus = httpStatus;
            } else if (httpStatus / 100 == 2) {
                refusedStatus = 0;
            }
        }
        monitor.answered(kind, httpStatus);
    }

    @Override
    public void retrying(RequestKind kind) {
        monitor.retrying(kind);
    }

    @Override
    public void downloaded(long bytes) {
        monitor.downloaded(bytes);
    }

    /** @return the HTTP status (401 or 403) with which Runware last refused the key, 0 when it accepts it */
    public int keyRefusedStatus() {
        return refusedStatus;
    }
}
