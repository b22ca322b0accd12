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

    @Test
    void holidaysAreClosedAndTheReplyNamesTheNextOpenDay() {
        BusinessHours christmas = new BusinessHours(
                "Europe/Oslo",
                "MON,TUE,WED,THU,FRI",
                "09:00",
                "16:00",
                "12-24,12-25,12-26,2030-04-18",
                "A person answers shortly.",
                "We answer {when}.");
        // Tuesday 24 December 2030 at noon: a holiday every year, and so are the two days after it.
        assertThat(christmas.autoReply(
                        LocalDateTime.of(2030, 12, 24, 12, 0).atZone(OSLO).toInstant()))
                .isEqualTo("We answer on Friday from 09:00.");
        // Wednesday 17 April 2030 after closing: Thursday 18 April is a holiday of that year only.
        assertThat(christmas.autoReply(
                        LocalDateTime.of(2030, 4, 17, 17, 0).atZone(OSLO).toInstant()))
                .isEqualTo("We answer on Friday from 09:00.");
        assertThat(christmas.autoReply(
                        LocalDateTime.of(2031, 4, 17, 12, 0).atZone(OSLO).toInstant()))
                .isEqualTo("A person answers shortly.");
    }

    @Test
    void aLongClosingNamesTheDate() {
        BusinessHours summer = new BusinessHours(
                "Europe/Oslo",
                "MON,TUE,WED,THU,FRI",
                "09:00",
                "16:00",
                "2030-07-01,2030-07-02,2030-07-03,2030-07-04,2030-07-05,2030-07-08,2030-07-09",
                "A person answers shortly.",
                "We answer {when}.");
        assertThat(summer.autoReply(
                        LocalDateTime.of(2030, 6, 29, 12, 0).atZone(OSLO).toInstant()))
                .isEqualTo("We answer on 10 July from 09:00.");
    }

    @Test
    void aHolidayThatIsNoDateIsRefusedNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new BusinessHours("Europe/Oslo", "MON", "09:00", "16:00", "Christmas", "open", "closed"))
                .hasMessageContaining("comeback.inbox.business-hours.holidays")
                .hasMessageContaining("Christmas");
    }
}
