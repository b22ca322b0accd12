package io.comeback.messaging.compliance;

import io.comeback.engine.time.QuietHours;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules every text passes before it reaches the outbound ledger, as one pure function:
 * consent, quiet hours in the recipient's zone (deferred to the window's end plus a ramp, never
 * dropped), and frequency caps for marketing — the global ones across flows and the flow's own —
 * deferred to the earliest allowed time, or skipped when that is further away than the flow may wait
 * or the flow says {@code when_capped: skip}. When another flow of higher priority holds the slot the
 * reason names it ({@code deferred: lower priority than winback}); every other cap reason names the cap
 * ({@code capped: 1 per P1D}, {@code capped: flow birthday 2 per P7D}).
 */
public final class CompliancePolicy {

    public static final String NO_CONSENT = "no_consent";
    public static final String OPTED_OUT = "opted_out";
    public static final String QUIET_HOURS = "quiet_hours";
    public static final String CAPPED = "capped: ";
    public static final String LOWER_PRIORITY = "deferred: lower priority than ";
    public static final String SKIPPED_LOWER_PRIORITY = "skipped: lower priority than ";
    private static final int MAX_ROUNDS = 32;

    private final List<FrequencyCap> caps;
    private final ReleaseRamp ramp;
    private final Duration maxCapDelay;

    /**
     * @param maxCapDelay how long a capped text may wait for room unless its flow says otherwise; past
     *                    it the text is skipped, because an offer that arrives a week late is worse than none
     */
    public CompliancePolicy(List<FrequencyCap> caps, ReleaseRamp ramp, Duration maxCapDelay) {
        this.caps = List.copyOf(caps);
        this.ramp = ramp;
        this.maxCapDelay = maxCapDelay;
    }

    /**
     * @param quietHours the flow's window (or the global default)
     * @param planned    this person's marketing texts on the ledger (sent or waiting), of every flow
     */
    public ComplianceDecision decide(ComplianceRequest request, QuietHours quietHours, List<PlannedText> planned) {
        if (request.marketing()) {
            if ("opted_out".equals(request.consentStatus())) {
                return new ComplianceDecision.Skip(OPTED_OUT);
            }
            if (!"opted_in".equals(request.consentStatus())) {
                return new ComplianceDecision.Skip(NO_CONSENT);
            }
        }
        // Texts of the same enrollment do not meet the global caps (a flow is one conversation whose
        // pace its author chose); the flow's own cap counts every text of the flow.
        List<PlannedText> others = planned.stream()
                .filter(p -> p.enrollmentId() != request.enrollmentId())
                .toList();
        List<Instant> globalTexts = others.stream().map(PlannedText::at).toList();
        List<Instant> flowTexts = planned.stream()
                .filter(p -> p.flowId() != null && p.flowId().equals(request.flowId()))
                .map(PlannedText::at)
                .toList();
        Optional<FrequencyCap> flowCap = request.flowCaps().cap();

        Instant at = request.wantedAt();
        String capReason = null;
        boolean quiet = false;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant before = at;
            if (request.marketing()) {
                Instant global = FrequencyCap.earliestAllowed(caps, globalTexts, at);
                if (global.isAfter(at) && capReason == null) {
                    capReason = globalReason(request, others, at);
                }
                Instant own = flowCap.map(c -> FrequencyCap.earliestAllowed(List.of(c), flowTexts, global))
                        .orElse(global);
                if (own.isAfter(global) && capReason == null) {
                    capReason = CAPPED + "flow " + request.flowId() + " "
                            + flowCap.get().describe();
                }
                at = own;
            }
            if (!request.answersOwnText() && quietHours.contains(at, request.zone())) {
                at = ramp.releaseAt(quietHours.nextAllowed(at, request.zone()), request.phone());
                quiet = true;
            } else if (!request.answersOwnText()) {
                Instant spread = spreadOverRamp(at, quietHours, request);
                if (spread.isAfter(at)) {
                    at = spread;
                    quiet = true;
                }
            }
            if (at.equals(before)) {
                break;
            }
        }
        if (capReason != null) {
            Duration maxDelay = request.flowCaps().maxDelay().orElse(maxCapDelay);
            if (request.flowCaps().skipWhenCapped()
                    || Duration.between(request.wantedAt(), at).compareTo(maxDelay) > 0) {
                return new ComplianceDecision.Skip(
                        capReason.startsWith(LOWER_PRIORITY)
                                ? SKIPPED_LOWER_PRIORITY + capReason.substring(LOWER_PRIORITY.length())
                                : capReason);
            }
            return new ComplianceDecision.Defer(at, quiet ? capReason + "; " + QUIET_HOURS : capReason);
        }
        return quiet ? new ComplianceDecision.Defer(at, QUIET_HOURS) : new ComplianceDecision.Allow(at);
    }

    /**
     * A text due in the first minutes after quiet hours end is most often one the flow itself held
     * back for the night (its enrollment woke exactly at the window's end): it joins the morning
     * release at the recipient's place on the ramp instead of bursting out at 08:00 sharp.
     */
    private Instant spreadOverRamp(Instant at, QuietHours quietHours, ComplianceRequest request) {
        Instant rampStart = at.minus(ramp.length());
        if (ramp.length().isZero() || !quietHours.contains(rampStart, request.zone())) {
            return at;
        }
        Instant windowEnd = quietHours.nextAllowed(rampStart, request.zone());
        if (windowEnd.isAfter(at)) {
            return at;
        }
        Instant release = ramp.releaseAt(windowEnd, request.phone());
        return release.isAfter(at) ? release : at;
    }

    /**
     * Why the global caps hold a text at {@code at}: the highest-priority other flow whose text fills a
     * full window, when it outranks this flow; otherwise the first cap that is full.
     */
    private String globalReason(ComplianceRequest request, List<PlannedText> others, Instant at) {
        List<Instant> times = others.stream().map(PlannedText::at).toList();
        FrequencyCap full =
                caps.stream().filter(c -> !c.fits(times, at)).findFirst().orElse(caps.get(0));
        Optional<PlannedText> outranking = others.stream()
                .filter(p -> p.priority() > request.flowPriority()
                        && p.flowId() != null
                        && !p.flowId().equals(request.flowId()))
                .filter(p -> Duration.between(p.at(), at).abs().compareTo(full.window()) < 0)
                .max(Comparator.comparingInt(PlannedText::priority));
        return outranking.map(p -> LOWER_PRIORITY + p.flowId()).orElse(CAPPED + full.describe());
    }
}
