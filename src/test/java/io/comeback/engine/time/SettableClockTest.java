package io.comeback.engine.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SettableClockTest {

    @Test
    void movesOnlyWhenTold() {
        SettableClock clock = new SettableClock(Instant.parse("2026-06-15T10:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-06-15T10:00:00Z"));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.advance(Duration.ofDays(3))).isEqualTo(Instant.parse("2026-06-18T10:00:00Z"));
        clock.set(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(clock.millis())
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void zonedViewFollowsTheClock() {
        SettableClock clock = new SettableClock(Instant.parse("2026-06-15T10:00:00Z"));
        Clock oslo = clock.withZone(ZoneId.of("Europe/Oslo"));
        clock.advance(Duration.ofHours(1));
        assertThat(oslo.instant()).isEqualTo(Instant.parse("2026-06-15T11:00:00Z"));
        assertThat(oslo.getZone()).isEqualTo(ZoneId.of("Europe/Oslo"));
    }
}
