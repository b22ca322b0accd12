package io.comeback.messaging.compliance;

import io.comeback.engine.time.QuietHours;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rules every text passes before it reaches the outbound ledger, as one pure function:
 * consent, quiet hours in the recipient's zone (deferred to the window's end plus a ramp, never
 * dropped), and frequency caps for marketing (deferred to the earliest allowed time, or skipped when
 * that is further away than the flow may wait).
 */
public final class CompliancePolicy {

    public static final String NO_CONSENT = "no_consent";
    public static final String OPTED_OUT = "opted_out";
    public static final String QUIET_HOURS = "quiet_hours";
    public static final String FREQUENCY_CAP = "frequency_cap";

    private final List<FrequencyCap> caps;
    private final ReleaseRamp ramp;
    private final Duration maxCapDelay;

    /**
     * @param maxCapDelay how long a capped text may wait for room; past it the text is skipped,
     *                    because an offer that arrives a week late is worse than none
     */
    public CompliancePolicy(List<FrequencyCap> caps, ReleaseRamp ramp, Duration maxCapDelay) {
        this.caps = List.copyOf(caps);
        this.ramp = ramp;
        this.maxCapDelay = maxCapDelay;
    }

    /**
     * @param quietHours        the flow's window (or the global default)
     * @param marketingSentBefore when this person received marketing texts (any flow), for the caps
     */
    public ComplianceDecision decide(SendRequest request, QuietHours quietHours, List<Instant> marketingSentBefore) {
        if (request.marketing()) {
            if ("opted_out".equals(request.consentStatus())) {
                return new ComplianceDecision.Skip(OPTED_OUT);
            }
            if (!"opted_in".equals(request.consentStatus())) {
                return new ComplianceDecision.Skip(NO_CONSENT);
            }
        }
        Instant at = request.wantedAt();
        String reason = null;
        if (request.marketing()) {
            Instant allowed = FrequencyCap.earliestAllowed(caps, marketingSentBefore, at);
            if (allowed.isAfter(at)) {
                if (Duration.between(at, allowed).compareTo(maxCapDelay) > 0) {
                    return new ComplianceDecision.Skip(FREQUENCY_CAP);
                }
                at = allowed;
                reason = FREQUENCY_CAP;
            }
        }
        if (!request.answersOwnText() && quietHours.contains(at, request.zone())) {
            at = ramp.releaseAt(quietHours.nextAllowed(at, request.zone()), request.phone());
            reason = QUIET_HOURS;
        }
        return reason == null ? new ComplianceDecision.Allow(at) : new ComplianceDecision.Defer(at, reason);
    }
}
