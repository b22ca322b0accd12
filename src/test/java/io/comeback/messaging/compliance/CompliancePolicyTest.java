package io.comeback.messaging.compliance;

import io.comeback.engine.time.QuietHours;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompliancePolicyTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private final CompliancePolicy policy = new CompliancePolicy(
            List.of(new FrequencyCap(4, Duration.ofDays(30)), new FrequencyCap(1, Duration.ofDays(1))),
            ReleaseRamp.NONE, Duration.ofDays(3));

    private static SendRequest marketing(String consent, Instant at) {
        return new SendRequest("+4791234567", OSLO, consent, true, false, "winback", 50, at);
    }

    @Test
    void marketingNeedsACurrentOptIn() {
        Instant noon = Instant.parse("2026-06-30T10:00:00Z");
        assertThat(policy.decide(marketing("opted_out", noon), QuietHours.DEFAULT, List.of()))
                .isEqualTo(new ComplianceDecision.Skip(CompliancePolicy.OPTED_OUT));
        assertThat(policy.decide(marketing("unknown", noon), QuietHours.DEFAULT, List.of()))
                .isEqualTo(new ComplianceDecision.Skip(CompliancePolicy.NO_CONSENT));
        assertThat(policy.decide(marketing("opted_in", noon), QuietHours.DEFAULT, List.of()))
                .isEqualTo(new ComplianceDecision.Allow(noon));
    }

    @Test
    void transactionalTextsNeedNoOptIn() {
        SendRequest receipt = new SendRequest("+4791234567", OSLO, "unknown", false, false, "feedback", 50,
                Instant.parse("2026-06-30T10:00:00Z"));
        assertThat(policy.decide(receipt, QuietHours.DEFAULT, List.of())).isInstanceOf(ComplianceDecision.Allow.class);
    }

    @Test
    void aTextInsideQuietHoursIsDeferredToTheirEndInTheRecipientsZone() {
        Instant lateEvening = Instant.parse("2026-06-30T21:30:00Z"); // 23:30 in Oslo (summer time)
        assertThat(policy.decide(marketing("opted_in", lateEvening), QuietHours.DEFAULT, List.of()))
                .isEqualTo(new ComplianceDecision.Defer(Instant.parse("2026-07-01T06:00:00Z"), CompliancePolicy.QUIET_HOURS));
    }

    @Test
    void anAnswerToThePersonsOwnTextIsNotHeldByQuietHours() {
        Instant night = Instant.parse("2026-06-30T22:00:00Z");
        SendRequest answer = new SendRequest("+4791234567", OSLO, "opted_in", false, true, null, 0, night);
        assertThat(policy.decide(answer, QuietHours.DEFAULT, List.of())).isEqualTo(new ComplianceDecision.Allow(night));
    }

    @Test
    void aCappedTextWaitsForRoomThenForMorning() {
        // Texted at 22:00 Oslo yesterday; one per day allows 22:00 today, which is quiet: 08:00 tomorrow.
        Instant noon = Instant.parse("2026-06-30T10:00:00Z");
        List<Instant> sent = List.of(Instant.parse("2026-06-29T20:00:00Z"));
        assertThat(policy.decide(marketing("opted_in", noon), QuietHours.DEFAULT, sent))
                .isEqualTo(new ComplianceDecision.Defer(Instant.parse("2026-07-01T06:00:00Z"), CompliancePolicy.QUIET_HOURS));
    }

    @Test
    void aTextThatWouldWaitTooLongForRoomIsSkipped() {
        Instant noon = Instant.parse("2026-06-30T10:00:00Z");
        List<Instant> sent = List.of(Instant.parse("2026-06-27T10:00:00Z"), Instant.parse("2026-06-28T10:00:00Z"),
                Instant.parse("2026-06-29T10:00:00Z"), Instant.parse("2026-06-30T08:00:00Z"));
        assertThat(policy.decide(marketing("opted_in", noon), QuietHours.DEFAULT, sent))
                .isEqualTo(new ComplianceDecision.Skip(CompliancePolicy.FREQUENCY_CAP));
    }

    @Test
    void theMorningReleaseIsSpreadOverTheRamp() {
        ReleaseRamp ramp = new ReleaseRamp(Duration.ofMinutes(30));
        Instant end = Instant.parse("2026-07-01T06:00:00Z");
        List<Instant> releases = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> ramp.releaseAt(end, "+47900" + String.format("%05d", i))).toList();
        assertThat(releases).allMatch(t -> !t.isBefore(end) && t.isBefore(end.plus(Duration.ofMinutes(30))));
        long firstMinute = releases.stream().filter(t -> t.isBefore(end.plusSeconds(60))).count();
        assertThat(firstMinute).as("about 1000/30 per minute, not a burst").isBetween(10L, 70L);
        assertThat(ramp.releaseAt(end, "+4791234567")).isEqualTo(ramp.releaseAt(end, "+4791234567"));
    }
}
