package io.github.camelseedance.runware.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private static HttpHeaders retryAfter(String value) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(value)), (k, v) -> true);
    }

    @Test
    void inSeconds() {
        assertThat(RetryAfter.of(retryAfter("1"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.of(retryAfter(" 120 "))).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void asHttpDate() {
        String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));

        assertThat(RetryAfter.of(retryAfter(future))).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
        assertThat(RetryAfter.of(retryAfter(past))).isZero();
    }

    @Test
    void absentOrUnreadable() {
        assertThat(RetryAfter.of(HttpHeaders.of(Map.of(), (k, v) -> true))).isNull();
        assertThat(RetryAfter.of(retryAfter("soon"))).isNull();
    }
}
