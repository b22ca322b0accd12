package io.comeback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final LocalTime NINE = LocalTime.of(9, 0);
    private final BusinessHours hours = new BusinessHours("Europe/Oslo", "MON,TUE,WED,THU,FRI", "09:00", "16:00");

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(OSLO).toInstant();
    }

    @Test
    void insideTheHoursItIsOpen() {
        assertThat(hours.isOpen(at(2030, 3, 5, 10, 0))).isTrue();
        assertThat(hours.isOpen(at(2030, 3, 5, 16, 0))).isFalse();
    }

    @Test
    void beforeOpeningItIsTodayAfterClosingTomorrow() {
        assertThat(hours.nextOpening(at(2030, 3, 5, 7, 30)))
                .isEqualTo(new BusinessHours.Opening(0, DayOfWeek.TUESDAY, NINE, LocalDate.of(2030, 3, 5)));
        assertThat(hours.nextOpening(at(2030, 3, 5, 16, 0)))
                .isEqualTo(new BusinessHours.Opening(1, DayOfWeek.WEDNESDAY, NINE, LocalDate.of(2030, 3, 6)));
    }

    @Test
    void fridayEveningAndTheWeekendPointToMonday() {
        assertThat(hours.nextOpening(at(2030, 3, 8, 18, 0)))
                .isEqualTo(new BusinessHours.Opening(3, DayOfWeek.MONDAY, NINE, LocalDate.of(2030, 3, 11)));
        assertThat(hours.nextOpening(at(2030, 3, 9, 12, 0)))
                .isEqualTo(new BusinessHours.Opening(2, DayOfWeek.MONDAY, NINE, LocalDate.of(2030, 3, 11)));
        assertThat(hours.nextOpening(at(2030, 3, 10, 23, 0)))
                .isEqualTo(new BusinessHours.Opening(1, DayOfWeek.MONDAY, NINE, LocalDate.of(2030, 3, 11)));
    }

    @Test
    void businessHoursAreTheShopsLocalTimeAcrossDaylightSaving() {
        // 31 March 2030: clocks in Oslo jump from 02:00 to 03:00; Monday 08:30 local is before opening.
        assertThat(hours.nextOpening(at(2030, 4, 1, 8, 30)))
                .isEqualTo(new BusinessHours.Opening(0, DayOfWeek.MONDAY, NINE, LocalDate.of(2030, 4, 1)));
        assertThat(hours.isOpen(at(2030, 4, 1, 9, 0))).isTrue();
    }

    @Test
    void holidaysAreClosedAndTheNextOpeningSkipsThem() {
        BusinessHours christmas = new BusinessHours(
                "Europe/Oslo", "MON,TUE,WED,THU,FRI", "09:00", "16:00", "12-24,12-25,12-26,2030-04-18");
        // Tuesday 24 December 2030 at noon: a holiday every year, and so are the two days after it.
        assertThat(christmas.isOpen(at(2030, 12, 24, 12, 0))).isFalse();
        assertThat(christmas.nextOpening(at(2030, 12, 24, 12, 0)))
                .isEqualTo(new BusinessHours.Opening(3, DayOfWeek.FRIDAY, NINE, LocalDate.of(2030, 12, 27)));
        // Wednesday 17 April 2030 after closing: Thursday 18 April is a holiday of that year only.
        assertThat(christmas.nextOpening(at(2030, 4, 17, 17, 0)))
                .isEqualTo(new BusinessHours.Opening(2, DayOfWeek.FRIDAY, NINE, LocalDate.of(2030, 4, 19)));
        assertThat(christmas.isOpen(at(2031, 4, 17, 12, 0))).isTrue();
    }

    @Test
    void aHolidayThatIsNoDateIsRefusedNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new BusinessHours("Europe/Oslo", "MON", "09:00", "16:00", "Christmas"))
                .hasMessageContaining("comeback.inbox.business-hours.holidays")
                .hasMessageContaining("Christmas");
    }
}
