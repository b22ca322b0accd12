package io.comeback.engine.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuietHoursTest {

    @ParameterizedTest(name = "{0}–{1} in {2} at {3} -> quiet={4}, next allowed {5}")
    @CsvSource({
        // start, end,  zone,             at,                    quiet, nextAllowed
        // Default window, Oslo summer (UTC+2)
        "21:00, 08:00, Europe/Oslo,      2026-06-15T06:00:00Z, false, 2026-06-15T06:00:00Z",
        "21:00, 08:00, Europe/Oslo,      2026-06-15T05:59:00Z, true,  2026-06-15T06:00:00Z",
        "21:00, 08:00, Europe/Oslo,      2026-06-15T18:59:59Z, false, 2026-06-15T18:59:59Z",
        "21:00, 08:00, Europe/Oslo,      2026-06-15T19:00:00Z, true,  2026-06-16T06:00:00Z",
        "21:00, 08:00, Europe/Oslo,      2026-06-15T21:59:00Z, true,  2026-06-16T06:00:00Z",
        "21:00, 08:00, Europe/Oslo,      2026-06-15T22:00:00Z, true,  2026-06-16T06:00:00Z",
        // Oslo winter (UTC+1)
        "21:00, 08:00, Europe/Oslo,      2026-01-10T22:30:00Z, true,  2026-01-11T07:00:00Z",
        // Oslo spring forward 2026-03-29 02:00 -> 03:00: the night is an hour shorter
        "21:00, 08:00, Europe/Oslo,      2026-03-28T22:30:00Z, true,  2026-03-29T06:00:00Z",
        "21:00, 08:00, Europe/Oslo,      2026-03-29T00:30:00Z, true,  2026-03-29T06:00:00Z",
        // Oslo fall back 2026-10-25 03:00 -> 02:00: the night is an hour longer
        "21:00, 08:00, Europe/Oslo,      2026-10-24T21:30:00Z, true,  2026-10-25T07:00:00Z",
        // A window ending inside the spring-forward gap ends when the clocks jump (03:00 CEST)
        "22:00, 02:30, Europe/Oslo,      2026-03-28T23:00:00Z, true,  2026-03-29T01:00:00Z",
        // A window ending inside the fall-back overlap ends at its first occurrence (+02:00)...
        "22:00, 02:30, Europe/Oslo,      2026-10-24T23:00:00Z, true,  2026-10-25T00:30:00Z",
        "22:00, 02:30, Europe/Oslo,      2026-10-25T00:40:00Z, false, 2026-10-25T00:40:00Z",
        // ...but when the clock has gone back to 02:10 the later occurrence (+01:00) is next
        "22:00, 02:30, Europe/Oslo,      2026-10-25T01:10:00Z, true,  2026-10-25T01:30:00Z",
        // Window within one day
        "12:00, 13:00, Europe/Oslo,      2026-06-15T10:30:00Z, true,  2026-06-15T11:00:00Z",
        "12:00, 13:00, Europe/Oslo,      2026-06-15T11:00:00Z, false, 2026-06-15T11:00:00Z",
        "12:00, 13:00, Europe/Oslo,      2026-06-15T09:59:00Z, false, 2026-06-15T09:59:00Z",
        // No quiet hours
        "08:00, 08:00, Europe/Oslo,      2026-06-15T02:00:00Z, false, 2026-06-15T02:00:00Z",
        // New York: DST starts 2026-03-08, ends 2026-11-01
        "21:00, 08:00, America/New_York, 2026-03-08T03:00:00Z, true,  2026-03-08T12:00:00Z",
        "21:00, 08:00, America/New_York, 2026-11-01T02:00:00Z, true,  2026-11-01T13:00:00Z",
        "21:00, 08:00, America/New_York, 2026-06-15T12:00:00Z, false, 2026-06-15T12:00:00Z",
        "21:00, 08:00, America/New_York, 2026-06-15T11:59:00Z, true,  2026-06-15T12:00:00Z",
        "23:00, 01:30, America/New_York, 2026-11-01T04:00:00Z, true,  2026-11-01T05:30:00Z",
        "23:00, 01:30, America/New_York, 2026-11-01T06:10:00Z, true,  2026-11-01T06:30:00Z",
        "23:00, 01:30, America/New_York, 2026-11-01T06:40:00Z, false, 2026-11-01T06:40:00Z",
        // A zone east of UTC where the local night spans a UTC date change
        "21:00, 08:00, Asia/Tokyo,       2026-06-15T13:00:00Z, true,  2026-06-15T23:00:00Z",
    })
    void decidesQuietAndNextAllowed(
            LocalTime start, LocalTime end, ZoneId zone, Instant at, boolean quiet, Instant nextAllowed) {
        QuietHours hours = new QuietHours(start, end);
        assertThat(hours.contains(at, zone)).isEqualTo(quiet);
        assertThat(hours.nextAllowed(at, zone)).isEqualTo(nextAllowed);
    }

    @Test
    void defaultIsNineInTheEveningToEightInTheMorning() {
        assertThat(QuietHours.DEFAULT).isEqualTo(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)));
        assertThat(QuietHours.DEFAULT.isNone()).isFalse();
        assertThat(QuietHours.NONE.isNone()).isTrue();
    }

    @Test
    void nextAllowedIsNeverInsideTheWindow() {
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        for (Instant at = Instant.parse("2026-03-27T00:00:00Z");
                at.isBefore(Instant.parse("2026-03-31T00:00:00Z"));
                at = at.plusSeconds(600)) {
            Instant next = QuietHours.DEFAULT.nextAllowed(at, oslo);
            assertThat(next).isAfterOrEqualTo(at);
            assertThat(QuietHours.DEFAULT.contains(next, oslo))
                    .as("next allowed after %s", at)
                    .isFalse();
        }
    }
}
