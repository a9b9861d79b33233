package io.github.camelseedance.runware;

/**
 * Hears what a {@link RunwareClient} does on the wire, for metrics and health: every HTTP answer (or its absence),
 * every retry and every finished download. Called on the client's threads: implementations must be fast and
 * thread-safe, and must not throw.
 */
public interface RunwareClientListener {

    /** The listener that hears nothing, the default. */
    RunwareClientListener NONE = new RunwareClientListener() {
    };

    /** What an HTTP request was for. */
    enum RequestKind {
        /** A {@code POST /v1} of task objects (submit, poll, dry run, upload). */
        API,
        /** A GET of a video (or other media) URL. */
        DOWNLOAD
    }

    /**
     * An HTTP request ended.
     *
     * @param kind       what it was for
     * @param httpStatus the answer's status, or {@code 0} when no answer came (network error, timeout)
     */
    default void answered(RequestKind kind, int httpStatus) {
    }

    /**
     * A request that failed transiently is about to be sent again.
     *
     * @param kind what it is for
     */
    default void retrying(RequestKind kind) {
    }

    /**
     * A download completed.
     *
     * @param bytes the size of the file written
     */
    default void downloaded(long bytes) {
    }
}
