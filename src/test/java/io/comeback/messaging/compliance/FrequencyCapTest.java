package io.comeback.messaging.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrequencyCapTest {

    private static final FrequencyCap FOUR_PER_30_DAYS = new FrequencyCap(4, Duration.ofDays(30));
    private static final FrequencyCap ONE_PER_DAY = new FrequencyCap(1, Duration.ofDays(1));
    private static final Instant NOW = Instant.parse("2026-06-30T10:00:00Z");

    @Test
    void roomLeftMeansNow() {
        List<Instant> sent = List.of(Instant.parse("2026-06-10T10:00:00Z"), Instant.parse("2026-06-20T10:00:00Z"));
        assertThat(FrequencyCap.earliestAllowed(List.of(FOUR_PER_30_DAYS, ONE_PER_DAY), sent, NOW))
                .isEqualTo(NOW);
    }

    @Test
    void aTextEarlierTodayPushesToTomorrowSameTime() {
        List<Instant> sent = List.of(Instant.parse("2026-06-30T07:30:00Z"));
        assertThat(FrequencyCap.earliestAllowed(List.of(ONE_PER_DAY), sent, NOW))
                .isEqualTo(Instant.parse("2026-07-01T07:30:00Z"));
    }

    @Test
    void fourInThirtyDaysWaitsForTheOldestToLeaveTheWindow() {
        List<Instant> sent = List.of(
                Instant.parse("2026-06-05T09:00:00Z"),
                Instant.parse("2026-06-12T09:00:00Z"),
                Instant.parse("2026-06-19T09:00:00Z"),
                Instant.parse("2026-06-26T09:00:00Z"));
        assertThat(FrequencyCap.earliestAllowed(List.of(FOUR_PER_30_DAYS), sent, NOW))
                .isEqualTo(Instant.parse("2026-07-05T09:00:00Z"));
    }

    @Test
    void capsAreCheckedTogetherUntilAllHold() {
        // The 30-day cap moves the text to 07-05 09:00; the text at 07-05 08:00 moves it to 07-06 08:00
        // (one per day); by then four texts sit in the 30-day window again, so 07-12 09:00.
        List<Instant> sent = List.of(
                Instant.parse("2026-06-05T09:00:00Z"),
                Instant.parse("2026-06-12T09:00:00Z"),
                Instant.parse("2026-06-19T09:00:00Z"),
                Instant.parse("2026-06-26T09:00:00Z"),
                Instant.parse("2026-07-05T08:00:00Z"));
        assertThat(FrequencyCap.earliestAllowed(List.of(FOUR_PER_30_DAYS, ONE_PER_DAY), sent, NOW))
                .isEqualTo(Instant.parse("2026-07-12T09:00:00Z"));
    }

    @Test
    void aTextAlreadyPlannedForLaterCountsInEveryWindowAroundTheNewOne() {
        // One per day, and a text waits for tomorrow 08:00: tonight is too close to it, so 24 h after it.
        List<Instant> planned = List.of(Instant.parse("2026-07-01T06:00:00Z"));
        assertThat(FrequencyCap.earliestAllowed(List.of(ONE_PER_DAY), planned, NOW))
                .isEqualTo(Instant.parse("2026-07-02T06:00:00Z"));
        assertThat(ONE_PER_DAY.fits(planned, Instant.parse("2026-06-30T06:00:00Z")))
                .isTrue();
        assertThat(ONE_PER_DAY.fits(planned, Instant.parse("2026-06-30T06:00:01Z")))
                .isFalse();
    }
}
