package io.github.camelseedance.runware.internal;

/** Shortens long values (prompts, base64 images) for messages and {@code toString}. */
public final class Abbreviation {

    private static final int MAX = 80;

    private Abbreviation() {
    }

    /** The value's text, cut to 80 characters with a note of the full length. */
    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        return text.length() <= MAX ? text : text.substring(0, MAX) + "...(" + text.length() + " chars)";
    }
}
