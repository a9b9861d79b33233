package io.github.camelseedance.runware.internal;

/**
 * Shortens long values (prompts, base64 images) for messages and {@code toString}, and masks the query values of URLs
 * (webhook tokens, presigned signatures) so that no message quotes a secret.
 */
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

    /**
     * A URL as messages may quote it: every query parameter value replaced by {@code xxxxxx}, then shortened.
     *
     * @param  url the URL text, may be malformed
     * @return     the URL without its query values
     */
    public static String ofUrl(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return of(url);
        }
        StringBuilder masked = new StringBuilder(url.substring(0, query + 1));
        String[] parameters = url.substring(query + 1).split("&", -1);
        for (int i = 0; i < parameters.length; i++) {
            int equals = parameters[i].indexOf('=');
            masked.append(i == 0 ? "" : "&").append(equals < 0
                    ? parameters[i]
                    : parameters[i].substring(0, equals)
                      + "=xxxxxx");
        }
        return of(masked);
    }
}
