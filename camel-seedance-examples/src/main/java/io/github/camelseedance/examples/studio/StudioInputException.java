package io.github.camelseedance.examples.studio;

/** An inbox file the studio cannot turn into a request (empty, not UTF-8 text, not a JSON object); nothing is sent. */
final class StudioInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    StudioInputException(String message) {
        super(message);
    }

    StudioInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
