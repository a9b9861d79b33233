package io.github.camelseedance.seedance.runtime;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.poll.VideoTaskTracker;

/**
 * The Runware client and the task tracker polling through it, shared by the endpoints of one API key and base URL.
 */
public record RunwareServices(RunwareClient client, VideoTaskTracker tracker) {

    void close() {
        tracker.close();
        client.close();
    }
}
