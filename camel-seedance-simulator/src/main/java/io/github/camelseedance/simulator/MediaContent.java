package io.github.camelseedance.simulator;

import java.io.IOException;
import java.io.InputStream;

/** The bytes of a stored media file, opened as a stream each time they are served or uploaded. */
interface MediaContent {

    /** Exact number of bytes {@link #open()} yields. */
    long length();

    InputStream open() throws IOException;
}
