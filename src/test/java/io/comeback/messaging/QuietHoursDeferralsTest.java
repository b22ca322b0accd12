package io.comeback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.time.QuietHours;
import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.messaging.port.SendOutcome;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** What the dispatcher writes for a row whose window closed, and which gateway answers count as "the deadline passed". */
class QuietHoursDeferralsTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static Instant oslo(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(OSLO).toInstant();
    }

    @Test
    void aRefusalBecauseTheDeadlinePassedIsDeferredOtherAnswersAreNot() {
        assertThat(QuietHoursDeferrals.deadlinePassed(
                        new SendOutcome.Refused(SendOutcome.DEADLINE_PASSED, "late", false)))
                .isTrue();
        assertThat(QuietHoursDeferrals.deadlinePassed(new SendOutcome.Refused("21610", "unsubscribed", false)))
                .isFalse();
        assertThat(QuietHoursDeferrals.deadlinePassed(new SendOutcome.Indeterminate("timeout")))
                .isFalse();
        assertThat(QuietHoursDeferrals.deadlinePassed(new SendOutcome.Accepted("SM1", DeliveryStatus.QUEUED)))
                .isFalse();
    }

    @Test
    void aDeferralCarriesTheMorningTheNewDeadlineAndAReasonThatSaysWhy() {
        SendWindow closed = SendWindow.from(
                oslo("2030-03-05T20:55"), new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)), OSLO);

        QuietHoursDeferrals.Deferral deferral =
                QuietHoursDeferrals.Deferral.of(7, closed, oslo("2030-03-05T20:59:59.5"));

        assertThat(deferral.notBefore()).isEqualTo(oslo("2030-03-06T08:00"));
        assertThat(deferral.window().validUntil()).isEqualTo(oslo("2030-03-06T21:00"));
        assertThat(deferral.reason())
                .isEqualTo("quiet_hours: it could not leave before 2030-03-05T20:00:00Z, when quiet hours"
                        + " 21:00-08:00 Europe/Oslo began; deferred to 2030-03-06T07:00:00Z");
    }
}
