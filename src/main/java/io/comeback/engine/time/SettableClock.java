package io.comeback.engine.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the simulator (and tests) move by hand. Zone is UTC: local time is always resolved explicitly. */
public final class SettableClock extends Clock {

    private volatile Instant now;

    public SettableClock(Instant start) {
        this.now = start;
    }

    public SettableClock() {
        this(Instant.EPOCH);
    }

    public void set(Instant instant) {
        this.now = instant;
    }

    public Instant advance(Duration duration) {
        now = now.plus(duration);
        return now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view in another zone that still follows this clock when it is moved. */
    @Override
    public Clock withZone(ZoneId zone) {
        SettableClock source = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }
}
