package io.comeback.engine.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalScheduleTest {

    @ParameterizedTest(name = "{0} {1} in {2} -> {3}")
    @CsvSource({
        "2026-06-15, 10:00, Europe/Oslo,      2026-06-15T08:00:00Z",
        "2026-01-15, 10:00, Europe/Oslo,      2026-01-15T09:00:00Z",
        // gap: 02:30 does not exist on 2026-03-29 in Oslo -> the jump to 03:00 CEST
        "2026-03-29, 02:30, Europe/Oslo,      2026-03-29T01:00:00Z",
        "2026-03-29, 02:00, Europe/Oslo,      2026-03-29T01:00:00Z",
        "2026-03-29, 03:00, Europe/Oslo,      2026-03-29T01:00:00Z",
        // overlap: 02:30 happens twice on 2026-10-25 in Oslo -> the first (+02:00)
        "2026-10-25, 02:30, Europe/Oslo,      2026-10-25T00:30:00Z",
        "2026-10-25, 03:00, Europe/Oslo,      2026-10-25T02:00:00Z",
        "2026-03-08, 02:30, America/New_York, 2026-03-08T07:00:00Z",
        "2026-11-01, 01:30, America/New_York, 2026-11-01T05:30:00Z",
        "2026-06-15, 09:00, Asia/Kolkata,     2026-06-15T03:30:00Z",
    })
    void resolvesLocalDateAndTime(LocalDate date, LocalTime time, ZoneId zone, Instant expected) {
        assertThat(LocalSchedule.atDate(date, time, zone)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "after {0}, next {1} in {2} -> {3}")
    @CsvSource({
        "2026-06-15T07:00:00Z, 10:00, Europe/Oslo,      2026-06-15T08:00:00Z",
        // strictly after: at exactly 10:00 the next one is tomorrow
        "2026-06-15T08:00:00Z, 10:00, Europe/Oslo,      2026-06-16T08:00:00Z",
        "2026-06-15T08:00:01Z, 10:00, Europe/Oslo,      2026-06-16T08:00:00Z",
        // across the spring-forward night the UTC time moves an hour earlier
        "2026-03-28T12:00:00Z, 10:00, Europe/Oslo,      2026-03-29T08:00:00Z",
        "2026-03-28T12:00:00Z, 02:30, Europe/Oslo,      2026-03-29T01:00:00Z",
        // across the fall-back night it moves an hour later
        "2026-10-24T12:00:00Z, 10:00, Europe/Oslo,      2026-10-25T09:00:00Z",
        // once per local day: after the first 02:40, the second 02:30 the same night is skipped
        "2026-10-25T00:40:00Z, 02:30, Europe/Oslo,      2026-10-26T01:30:00Z",
        "2026-10-24T23:00:00Z, 02:30, Europe/Oslo,      2026-10-25T00:30:00Z",
        // local date differs from UTC date
        "2026-06-15T23:30:00Z, 08:00, America/New_York, 2026-06-16T12:00:00Z",
        "2026-06-15T23:30:00Z, 08:00, Asia/Tokyo,       2026-06-16T23:00:00Z",
        "2026-03-07T20:00:00Z, 09:00, America/New_York, 2026-03-08T13:00:00Z",
    })
    void findsNextTimeOfDay(Instant after, LocalTime time, ZoneId zone, Instant expected) {
        assertThat(LocalSchedule.nextTimeOfDay(after, time, zone)).isEqualTo(expected);
    }
}
