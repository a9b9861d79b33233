package io.github.camelseedance.simulator;

/** What a stored media file is, which decides where it may be used as an input. */
enum MediaKind {
    IMAGE, VIDEO, AUDIO
}
