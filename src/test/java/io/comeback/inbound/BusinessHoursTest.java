package io.comeback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
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
                .isEqualTo(new BusinessHours.Opening(0, DayOfWeek.TUESDAY, NINE));
        assertThat(hours.nextOpening(at(2030, 3, 5, 16, 0)))
                .isEqualTo(new BusinessHours.Opening(1, DayOfWeek.WEDNESDAY, NINE));
    }

    @Test
    void fridayEveningAndTheWeekendPointToMonday() {
        assertThat(hours.nextOpening(at(2030, 3, 8, 18, 0)))
                .isEqualTo(new BusinessHours.Opening(3, DayOfWeek.MONDAY, NINE));
        assertThat(hours.nextOpening(at(2030, 3, 9, 12, 0)))
                .isEqualTo(new BusinessHours.Opening(2, DayOfWeek.MONDAY, NINE));
        assertThat(hours.nextOpening(at(2030, 3, 10, 23, 0)))
                .isEqualTo(new BusinessHours.Opening(1, DayOfWeek.MONDAY, NINE));
    }

    @Test
    void businessHoursAreTheShopsLocalTimeAcrossDaylightSaving() {
        // 31 March 2030: clocks in Oslo jump from 02:00 to 03:00; Monday 08:30 local is before opening.
        assertThat(hours.nextOpening(at(2030, 4, 1, 8, 30)))
                .isEqualTo(new BusinessHours.Opening(0, DayOfWeek.MONDAY, NINE));
        assertThat(hours.isOpen(at(2030, 4, 1, 9, 0))).isTrue();
    }
}
