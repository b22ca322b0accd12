package io.comeback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private final BusinessHours hours = new BusinessHours(
            "Europe/Oslo", "MON,TUE,WED,THU,FRI", "09:00", "16:00", "A person answers shortly.", "We answer {when}.");

    private String replyAt(int year, int month, int day, int hour, int minute) {
        return hours.autoReply(
                LocalDateTime.of(year, month, day, hour, minute).atZone(OSLO).toInstant());
    }

    @Test
    void insideTheHoursSomeoneAnswersShortly() {
        assertThat(replyAt(2030, 3, 5, 10, 0)).isEqualTo("A person answers shortly.");
    }

    @Test
    void beforeOpeningItIsTodayAfterClosingTomorrow() {
        assertThat(replyAt(2030, 3, 5, 7, 30)).isEqualTo("We answer today from 09:00.");
        assertThat(replyAt(2030, 3, 5, 16, 0)).isEqualTo("We answer tomorrow from 09:00.");
    }

    @Test
    void fridayEveningAndTheWeekendPointToMonday() {
        assertThat(replyAt(2030, 3, 8, 18, 0)).isEqualTo("We answer on Monday from 09:00.");
        assertThat(replyAt(2030, 3, 9, 12, 0)).isEqualTo("We answer on Monday from 09:00.");
        assertThat(replyAt(2030, 3, 10, 23, 0)).isEqualTo("We answer tomorrow from 09:00.");
    }

    @Test
    void businessHoursAreTheShopsLocalTimeAcrossDaylightSaving() {
        // 31 March 2030: clocks in Oslo jump from 02:00 to 03:00; Monday 08:30 local is before opening.
        assertThat(replyAt(2030, 4, 1, 8, 30)).isEqualTo("We answer today from 09:00.");
        assertThat(replyAt(2030, 4, 1, 9, 0)).isEqualTo("A person answers shortly.");
    }
}
