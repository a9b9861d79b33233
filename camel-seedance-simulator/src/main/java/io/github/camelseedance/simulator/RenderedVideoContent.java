package io.github.camelseedance.simulator;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import io.github.camelseedance.simulator.video.VideoRenderer;
import io.github.camelseedance.simulator.video.VideoSpec;

/** A real video, rendered on first use (download or upload) and kept with the stored media until it expires. */
final class RenderedVideoContent implements MediaContent {

    private final VideoRenderer renderer;
    private final VideoSpec spec;
    private volatile byte[] bytes;

    RenderedVideoContent(VideoRenderer renderer, VideoSpec spec) {
        this.renderer = renderer;
        this.spec = spec;
    }

    @Override
    public long length() {
        return bytes().length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes());
    }

    private byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            synchronized (this) {
                if (bytes == null) {
                    bytes = renderer.render(spec);
                }
                b = bytes;
            }
        }
        return b;
    }
}
