package io.github.camelseedance.simulator;

/**
 * A file the simulator serves under {@code /media/{uuid}.{extension}} until {@code expiresAtNanos}
 * ({@link System#nanoTime()} scale).
 *
 * @param uploaded whether it came in through {@code imageUpload} / {@code mediaStorage} (and may be deleted there),
 *                 rather than being a generated video
 */
record StoredMedia(String uuid, String extension, String contentType, MediaKind kind, MediaContent content,
                   long expiresAtNanos, boolean uploaded) {

    String fileName() {
        return uuid + "." + extension;
    }

    boolean expiredAt(long nowNanos) {
        return nowNanos - expiresAtNanos >= 0;
    }
}
