package io.github.camelseedance.seedance.journal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it: leases expire and budget periods roll over on command. */
public final class TestClock extends Clock {

    private volatile long millis;

    /** A clock at 2023-11-14T22:13:20Z. */
    public TestClock() {
        this(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    public TestClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    public void advance(Duration duration) {
        millis += duration.toMillis();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
        return millis;
    }
}
