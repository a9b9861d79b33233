package io.github.camelseedance.runware.internal;

import io.github.camelseedance.runware.internal.TransientStatus;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransientStatusTest {

    private static HttpHeaders retryAfter(String value) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(value)), (k, v) -> true);
    }

    @ParameterizedTest(name = "HTTP {0} transient: {1}")
    @CsvSource({"408, true", "429, true", "500, true", "502, true", "503, true", "504, true", "599, true",
            "200, false", "400, false", "401, false", "402, false", "404, false", "410, false"})
    void transientStatuses(int status, boolean expected) {
        assertThat(TransientStatus.isTransient(status)).isEqualTo(expected);
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(TransientStatus.retryAfter(retryAfter("1"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(TransientStatus.retryAfter(retryAfter(" 120 "))).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void retryAfterAsHttpDate() {
        String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));

        assertThat(TransientStatus.retryAfter(retryAfter(future))).isPositive()
                .isLessThanOrEqualTo(Duration.ofHours(1));
        assertThat(TransientStatus.retryAfter(retryAfter(past))).isZero();
    }

    @Test
    void absentOrUnreadableRetryAfter() {
        assertThat(TransientStatus.retryAfter(HttpHeaders.of(Map.of(), (k, v) -> true))).isNull();
        assertThat(TransientStatus.retryAfter(retryAfter("soon"))).isNull();
    }
}
