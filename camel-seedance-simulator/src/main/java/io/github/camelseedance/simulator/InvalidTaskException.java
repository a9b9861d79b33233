package io.github.camelseedance.simulator;

/** Thrown while checking a task: the task is rejected with {@link #error()}. Carries no stack trace. */
final class InvalidTaskException extends RuntimeException {

    private final transient RunwareError error;

    InvalidTaskException(RunwareError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    RunwareError error() {
        return error;
    }
}
