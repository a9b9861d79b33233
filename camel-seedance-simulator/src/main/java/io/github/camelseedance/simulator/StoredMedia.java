package io.github.camelseedance.simulator;

/**
 * A file the simulator serves under {@code /media/{uuid}.{extension}} until {@code expiresAtNanos}
 * ({@link System#nanoTime()} scale).
 */
record StoredMedia(String uuid, String extension, String contentType, MediaKind kind, MediaContent content,
                   long expiresAtNanos) {

    String fileName() {
        return uuid + "." + extension;
    }

    boolean expiredAt(long nowNanos) {
        return nowNanos - expiresAtNanos >= 0;
    }
}
