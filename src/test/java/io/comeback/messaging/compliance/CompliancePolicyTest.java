package io.comeback.messaging.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.time.QuietHours;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompliancePolicyTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private final CompliancePolicy policy = new CompliancePolicy(
            List.of(new FrequencyCap(4, Duration.ofDays(30)), new FrequencyCap(1, Duration.ofDays(1))),
            ReleaseRamp.NONE,
            Duration.ofDays(3));

    private static ComplianceRequest marketing(String consent, Instant at) {
        return new ComplianceRequest("+4791234567", OSLO, consent, true, false, "winback", 50, at);
    }

    /** Texts of another flow (same priority, another enrollment). */
    private static List<PlannedText> texts(Instant... at) {
        return java.util.Arrays.stream(at)
                .map(t -> new PlannedText(99, "other", 50, t))
                .toList();
    }

    private static ComplianceRequest flow(
            String flowId, int priority, long enrollmentId, FlowCapRule caps, Instant at) {
        return new ComplianceRequest(
                "+4791234567", OSLO, "opted_in", true, false, flowId, priority, enrollmentId, caps, at);
    }

    private static final Instant NOON = Instant.parse("2026-06-30T10:00:00Z"); // 12:00 in Oslo

    @Test
    void aHigherPriorityFlowsTextHoldsTheSlotAndTheReasonNamesIt() {
        List<PlannedText> waiting = List.of(new PlannedText(7, "order_vip", 80, NOON.minusSeconds(3600)));
        ComplianceDecision lower =
                policy.decide(flow("winback", 40, 8, FlowCapRule.NONE, NOON), QuietHours.NONE, waiting);
        assertThat(lower)
                .isEqualTo(new ComplianceDecision.Defer(
                        NOON.plus(Duration.ofHours(23)), "deferred: lower priority than order_vip"));
        // Equal or lower priority of the text already there: the reason is the cap itself.
        List<PlannedText> sameRank = List.of(new PlannedText(7, "birthday", 40, NOON.minusSeconds(3600)));
        assertThat(policy.decide(flow("winback", 40, 8, FlowCapRule.NONE, NOON), QuietHours.NONE, sameRank))
                .isEqualTo(new ComplianceDecision.Defer(NOON.plus(Duration.ofHours(23)), "capped: 1 per P1D"));
    }

    @Test
    void aTextWaitingForTomorrowMorningTakesThatMorningsSlot() {
        // A higher-priority text waits for 08:00 tomorrow; tonight's lower one may not land beside it.
        Instant tomorrowMorning = Instant.parse("2026-07-01T06:00:00Z");
        List<PlannedText> waiting = List.of(new PlannedText(7, "order_vip", 80, tomorrowMorning));
        Instant lateEvening = Instant.parse("2026-06-30T20:00:00Z"); // 22:00 in Oslo
        ComplianceDecision lower =
                policy.decide(flow("winback", 40, 8, FlowCapRule.NONE, lateEvening), QuietHours.DEFAULT, waiting);
        assertThat(lower)
                .isEqualTo(new ComplianceDecision.Defer(
                        tomorrowMorning.plus(Duration.ofDays(1)), "deferred: lower priority than order_vip"));
    }

    @Test
    void aLowerPriorityTextThatCannotFitInTimeIsSkippedWithTheReason() {
        List<PlannedText> waiting = List.of(new PlannedText(7, "order_vip", 80, NOON.minusSeconds(60)));
        FlowCapRule waitAtMostAnHour = new FlowCapRule(Optional.empty(), false, Optional.of(Duration.ofHours(1)));
        assertThat(policy.decide(flow("winback", 40, 8, waitAtMostAnHour, NOON), QuietHours.NONE, waiting))
                .isEqualTo(new ComplianceDecision.Skip("skipped: lower priority than order_vip"));
        FlowCapRule skip = new FlowCapRule(Optional.empty(), true, Optional.empty());
        assertThat(policy.decide(flow("winback", 40, 8, skip, NOON), QuietHours.NONE, waiting))
                .isEqualTo(new ComplianceDecision.Skip("skipped: lower priority than order_vip"));
    }

    @Test
    void theFlowsOwnCapCountsEveryEnrollmentOfTheFlowOnTopOfTheGlobalCaps() {
        FlowCapRule twoPerWeek = new FlowCapRule(
                Optional.of(new FrequencyCap(2, Duration.ofDays(7))), false, Optional.of(Duration.ofDays(7)));
        // Two texts of this flow this week, from this enrollment and an earlier one: the global caps
        // (other enrollments only: one text 3 days ago) would allow it, the flow's cap does not.
        List<PlannedText> sent = List.of(
                new PlannedText(1, "birthday", 50, NOON.minus(Duration.ofDays(3))),
                new PlannedText(2, "birthday", 50, NOON.minus(Duration.ofDays(2))));
        assertThat(policy.decide(flow("birthday", 50, 2, twoPerWeek, NOON), QuietHours.NONE, sent))
                .isEqualTo(
                        new ComplianceDecision.Defer(NOON.plus(Duration.ofDays(4)), "capped: flow birthday 2 per P7D"));
        // Without the flow cap the same text goes now.
        assertThat(policy.decide(flow("birthday", 50, 2, FlowCapRule.NONE, NOON), QuietHours.NONE, sent))
                .isEqualTo(new ComplianceDecision.Allow(NOON));
        // With when_capped: skip it is dropped, with the reason.
        FlowCapRule skip =
                new FlowCapRule(Optional.of(new FrequencyCap(2, Duration.ofDays(7))), true, Optional.empty());
        assertThat(policy.decide(flow("birthday", 50, 2, skip, NOON), QuietHours.NONE, sent))
                .isEqualTo(new ComplianceDecision.Skip("capped: flow birthday 2 per P7D"));
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
        ComplianceRequest receipt = new ComplianceRequest(
                "+4791234567", OSLO, "unknown", false, false, "feedback", 50, Instant.parse("2026-06-30T10:00:00Z"));
        assertThat(policy.decide(receipt, QuietHours.DEFAULT, List.of())).isInstanceOf(ComplianceDecision.Allow.class);
    }

    @Test
    void aTextInsideQuietHoursIsDeferredToTheirEndInTheRecipientsZone() {
        Instant lateEvening = Instant.parse("2026-06-30T21:30:00Z"); // 23:30 in Oslo (summer time)
        assertThat(policy.decide(marketing("opted_in", lateEvening), QuietHours.DEFAULT, List.of()))
                .isEqualTo(new ComplianceDecision.Defer(
                        Instant.parse("2026-07-01T06:00:00Z"), CompliancePolicy.QUIET_HOURS));
    }

    @Test
    void anAnswerToThePersonsOwnTextIsNotHeldByQuietHours() {
        Instant night = Instant.parse("2026-06-30T22:00:00Z");
        ComplianceRequest answer = new ComplianceRequest("+4791234567", OSLO, "opted_in", false, true, null, 0, night);
        assertThat(policy.decide(answer, QuietHours.DEFAULT, List.of())).isEqualTo(new ComplianceDecision.Allow(night));
    }

    @Test
    void aCappedTextWaitsForRoomThenForMorning() {
        // Texted at 22:00 Oslo yesterday; one per day allows 22:00 today, which is quiet: 08:00 tomorrow.
        Instant noon = Instant.parse("2026-06-30T10:00:00Z");
        List<PlannedText> sent = texts(Instant.parse("2026-06-29T20:00:00Z"));
        assertThat(policy.decide(marketing("opted_in", noon), QuietHours.DEFAULT, sent))
                .isEqualTo(new ComplianceDecision.Defer(
                        Instant.parse("2026-07-01T06:00:00Z"), "capped: 1 per P1D; quiet_hours"));
    }

    @Test
    void aTextThatWouldWaitTooLongForRoomIsSkipped() {
        Instant noon = Instant.parse("2026-06-30T10:00:00Z");
        List<PlannedText> sent = texts(
                Instant.parse("2026-06-27T10:00:00Z"),
                Instant.parse("2026-06-28T10:00:00Z"),
                Instant.parse("2026-06-29T10:00:00Z"),
                Instant.parse("2026-06-30T08:00:00Z"));
        assertThat(policy.decide(marketing("opted_in", noon), QuietHours.DEFAULT, sent))
                .isEqualTo(new ComplianceDecision.Skip("capped: 4 per P30D"));
    }

    @Test
    void theMorningReleaseIsSpreadOverTheRamp() {
        ReleaseRamp ramp = new ReleaseRamp(Duration.ofMinutes(30));
        Instant end = Instant.parse("2026-07-01T06:00:00Z");
        List<Instant> releases = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> ramp.releaseAt(end, "+47900" + String.format("%05d", i)))
                .toList();
        assertThat(releases).allMatch(t -> !t.isBefore(end) && t.isBefore(end.plus(Duration.ofMinutes(30))));
        long firstMinute =
                releases.stream().filter(t -> t.isBefore(end.plusSeconds(60))).count();
        assertThat(firstMinute).as("about 1000/30 per minute, not a burst").isBetween(10L, 70L);
        assertThat(ramp.releaseAt(end, "+4791234567")).isEqualTo(ramp.releaseAt(end, "+4791234567"));
    }

    @Test
    void aTextTheFlowHeldUntilTheWindowsEndJoinsTheRampInsteadOfBursting() {
        CompliancePolicy ramped = new CompliancePolicy(
                List.of(new FrequencyCap(1, Duration.ofDays(1))),
                new ReleaseRamp(Duration.ofMinutes(30)),
                Duration.ofDays(3));
        Instant eight = Instant.parse("2026-07-01T06:00:00Z"); // 08:00 in Oslo, the window's end
        List<Instant> releases = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> {
                    ComplianceRequest r = new ComplianceRequest(
                            "+47900" + String.format("%05d", i), OSLO, "opted_in", true, false, "winback", 50, eight);
                    ComplianceDecision d = ramped.decide(r, QuietHours.DEFAULT, List.of());
                    return d instanceof ComplianceDecision.Defer defer
                            ? defer.until()
                            : ((ComplianceDecision.Allow) d).at();
                })
                .toList();
        assertThat(releases).allMatch(t -> !t.isBefore(eight) && t.isBefore(eight.plus(Duration.ofMinutes(30))));
        assertThat(releases.stream()
                        .filter(t -> t.isBefore(eight.plusSeconds(60)))
                        .count())
                .isLessThan(30);
        // Long after the window's end nothing is held.
        Instant nine = eight.plus(Duration.ofHours(1));
        assertThat(ramped.decide(
                        new ComplianceRequest("+4790000001", OSLO, "opted_in", true, false, "winback", 50, nine),
                        QuietHours.DEFAULT,
                        List.of()))
                .isEqualTo(new ComplianceDecision.Allow(nine));
        // An answer to the person's own text is never held.
        assertThat(ramped.decide(
                        new ComplianceRequest("+4790000001", OSLO, "opted_in", false, true, null, 0, eight),
                        QuietHours.DEFAULT,
                        List.of()))
                .isEqualTo(new ComplianceDecision.Allow(eight));
    }
}
