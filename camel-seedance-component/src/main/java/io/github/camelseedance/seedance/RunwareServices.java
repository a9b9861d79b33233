package io.github.camelseedance.seedance;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.VideoTaskTracker;

/**
 * The Runware client and the task tracker polling through it, shared by the endpoints of one API key and base URL.
 */
record RunwareServices(RunwareClient client, VideoTaskTracker tracker) {

    void close() {
        tracker.close();
        client.close();
    }
}
