package io.github.camelseedance.simulator.video;

/**
 * Renders real, playable videos with pure Java (JCodec). Work in progress: implementation follows.
 */
public final class RealVideoRenderer implements VideoRenderer {

    public RealVideoRenderer() {
    }

    @Override
    public byte[] render(VideoSpec spec) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
