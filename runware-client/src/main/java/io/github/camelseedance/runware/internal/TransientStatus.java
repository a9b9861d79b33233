package io.github.camelseedance.runware.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Which HTTP statuses are worth retrying, and the server's {@code Retry-After}. */
public final class TransientStatus {

    private TransientStatus() {
    }

    /** 408, 429 and every 5xx. */
    public static boolean isTransient(int status) {
        return status == 408 || status == 429 || status >= 500 && status <= 599;
    }

    /** The {@code Retry-After} header as seconds or an HTTP date, {@code null} when absent or unreadable. */
    public static Duration retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After");
        if (value.isEmpty()) {
            return null;
        }
        String text = value.get().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
