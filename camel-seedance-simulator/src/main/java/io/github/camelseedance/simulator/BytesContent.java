package io.github.camelseedance.simulator;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** Media held in memory: uploaded inputs and rendered (small) videos. */
record BytesContent(byte[] bytes) implements MediaContent {

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }
}
