package io.comeback.engine.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.CampaignSchedule;
import io.comeback.engine.model.SourceLocation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Send times in the recipient's zone: the clock change, a date already passed, the spread. */
class CampaignTimesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static CampaignSchedule at(String date, String time) {
        return new CampaignSchedule(
                Optional.ofNullable(date).map(LocalDate::parse),
                LocalTime.parse(time),
                Optional.empty(),
                false,
                SourceLocation.UNKNOWN);
    }

    @Test
    void tenOClockOnTheDayTheClocksChangeIsTenOClockLocal() {
        Instant start = Instant.parse("2026-03-28T12:00:00Z");
        assertThat(CampaignTimes.sendAt(at("2026-03-29", "10:00"), OSLO, "c", 1, start))
                .isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
        assertThat(CampaignTimes.sendAt(at("2026-10-25", "10:00"), OSLO, "c", 1, start))
                .isEqualTo(Instant.parse("2026-10-25T09:00:00Z"));
        assertThat(CampaignTimes.sendAt(at("2026-03-29", "10:00"), ZoneId.of("America/New_York"), "c", 1, start))
                .isEqualTo(Instant.parse("2026-03-29T14:00:00Z"));
    }

    @Test
    void aTimeAlreadyPassedSendsNowInsideTheWindowElseTheNextDay() {
        Instant afternoon = ZonedDateTime.of(2026, 5, 4, 14, 0, 0, 0, OSLO).toInstant();
        assertThat(CampaignTimes.sendAt(at("2026-05-04", "10:00"), OSLO, "c", 1, afternoon))
                .isEqualTo(afternoon);
        assertThat(CampaignTimes.sendAt(at(null, "10:00"), OSLO, "c", 1, afternoon))
                .isEqualTo(ZonedDateTime.of(2026, 5, 5, 10, 0, 0, 0, OSLO).toInstant());
        Instant night = ZonedDateTime.of(2026, 5, 4, 22, 0, 0, 0, OSLO).toInstant();
        assertThat(CampaignTimes.sendAt(at("2026-05-04", "10:00"), OSLO, "c", 1, night))
                .isEqualTo(ZonedDateTime.of(2026, 5, 5, 10, 0, 0, 0, OSLO).toInstant());
    }

    @Test
    void aSpreadPlacesEachPersonAtAFixedPointOfTheLocalWindow() {
        CampaignSchedule spread = new CampaignSchedule(
                Optional.of(LocalDate.parse("2026-05-04")),
                LocalTime.of(10, 0),
                Optional.of(LocalTime.of(16, 0)),
                false,
                SourceLocation.UNKNOWN);
        Instant start = Instant.parse("2026-05-04T04:00:00Z");
        for (long customer = 1; customer < 200; customer++) {
            Instant at = CampaignTimes.sendAt(spread, OSLO, "c", customer, start);
            LocalTime local = at.atZone(OSLO).toLocalTime();
            assertThat(local).isBetween(LocalTime.of(10, 0), LocalTime.of(16, 0));
            assertThat(CampaignTimes.sendAt(spread, OSLO, "c", customer, start)).isEqualTo(at);
        }
    }
}
