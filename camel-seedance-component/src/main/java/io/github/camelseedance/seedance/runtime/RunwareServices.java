package io.github.camelseedance.seedance.runtime;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.poll.VideoTaskTracker;
import io.github.camelseedance.seedance.monitor.ClientActivity;

/**
 * The Runware client and the task tracker polling through it, shared by the endpoints of one API key and base URL,
 * with what the client did on the wire (whether Runware refuses the key).
 */
public record RunwareServices(RunwareClient client, VideoTaskTracker tracker, ClientActivity activity) {

    void close() {
        tracker.close();
        client.close();
    }
}
