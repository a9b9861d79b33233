package io.github.camelseedance.simulator;

import java.io.InputStream;

import io.github.camelseedance.simulator.video.SyntheticVideoSource;

/** Fast-mode video: a deterministic payload of a fixed size generated while it is streamed, never held in memory. */
record SyntheticContent(SyntheticVideoSource source, String videoUUID, long size) implements MediaContent {

    @Override
    public long length() {
        return size;
    }

    @Override
    public InputStream open() {
        return source.open(videoUUID, size);
    }
}
