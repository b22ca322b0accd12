package io.comeback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.time.QuietHours;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    @Test
    void aTextDueInTheAfternoonMustLeaveBeforeNineInTheEvening() {
        SendWindow window = SendWindow.from(local("2030-03-05T14:00", OSLO), NIGHT, OSLO);

        assertThat(window.validUntil()).isEqualTo(local("2030-03-05T21:00", OSLO));
        assertThat(window.quietHoursText()).isEqualTo("21:00-08:00");
    }

    @Test
    void theDeadlineFollowsTheRecipientsZoneAcrossADaylightSavingChange() {
        // Oslo moves to summer time in the night to Sunday 2030-03-31: 21:00 that day is 19:00 UTC, the day before
        // 20:00 UTC.
        assertThat(SendWindow.from(local("2030-03-30T22:30", OSLO).plusSeconds(10 * 3600), NIGHT, OSLO)
                        .validUntil())
                .isEqualTo(Instant.parse("2030-03-31T19:00:00Z"));
        assertThat(SendWindow.from(local("2030-03-30T09:00", OSLO), NIGHT, OSLO).validUntil())
                .isEqualTo(Instant.parse("2030-03-30T20:00:00Z"));
        assertThat(SendWindow.from(local("2030-07-01T09:00", NEW_YORK), NIGHT, NEW_YORK)
                        .validUntil())
                .isEqualTo(Instant.parse("2030-07-02T01:00:00Z"));
    }

    @Test
    void aQuietWindowStartingInsideASpringForwardGapStartsWhenTheGapEnds() {
        QuietHours fromHalfPastTwo = new QuietHours(LocalTime.of(2, 30), LocalTime.of(6, 0));
        // 02:30 does not exist in Oslo on 2030-03-31; the clocks jump from 02:00 to 03:00 (01:00 UTC).
        assertThat(SendWindow.from(local("2030-03-30T23:00", OSLO), fromHalfPastTwo, OSLO)
                        .validUntil())
                .isEqualTo(Instant.parse("2030-03-31T01:00:00Z"));
    }

    @Test
    void textsWithoutQuietHoursHaveNoWindow() {
        assertThat(SendWindow.from(local("2030-03-05T23:00", OSLO), QuietHours.NONE, OSLO))
                .isNull();
        assertThat(SendWindow.fromColumns(null, null, null)).isNull();
    }

    @Test
    void aWindowIsClosedWhenLessThanASecondIsLeft() {
        SendWindow window = SendWindow.from(local("2030-03-05T14:00", OSLO), NIGHT, OSLO);
        Instant nine = local("2030-03-05T21:00", OSLO);

        assertThat(window.closedAt(nine.minusMillis(1001))).isFalse();
        assertThat(window.closedAt(nine.minusMillis(999))).isTrue();
        assertThat(window.closedAt(nine.plusSeconds(3600))).isTrue();
    }

    @Test
    void aClosedWindowReopensAtEightNextMorningWithANewDeadlineThatEvening() {
        SendWindow window = SendWindow.from(local("2030-03-05T14:00", OSLO), NIGHT, OSLO);

        SendWindow.Reopening next = window.reopening(local("2030-03-05T22:15", OSLO));

        assertThat(next.notBefore()).isEqualTo(local("2030-03-06T08:00", OSLO));
        assertThat(next.window().validUntil()).isEqualTo(local("2030-03-06T21:00", OSLO));
    }

    @Test
    void aRowHeldBackPastTheWholeQuietWindowMayLeaveAtOnceUntilTheNextOne() {
        SendWindow window = SendWindow.from(local("2030-03-05T14:00", OSLO), NIGHT, OSLO);
        Instant nextNoon = local("2030-03-06T12:00", OSLO);

        SendWindow.Reopening next = window.reopening(nextNoon);

        assertThat(next.notBefore()).isEqualTo(nextNoon);
        assertThat(next.window().validUntil()).isEqualTo(local("2030-03-06T21:00", OSLO));
    }

    @Test
    void columnsRoundTrip() {
        SendWindow window = SendWindow.from(local("2030-03-05T14:00", NEW_YORK), NIGHT, NEW_YORK);

        assertThat(SendWindow.fromColumns(
                        window.validUntil(),
                        window.quietHoursText(),
                        window.zone().getId()))
                .isEqualTo(window);
    }
}
