package io.github.camelseedance.runware.model;

/** The one spelling of "which result of its task is this", for {@link VideoItem} and {@link FailedResult}. */
final class ResultKeys {

    private ResultKeys() {
    }

    static String of(Integer resultIndex, String identity) {
        return resultIndex != null ? "result#" + resultIndex : identity;
    }
}
