package io.comeback.web;

import io.comeback.audience.Instants;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Body of {@code POST /api/segments/inactive/preview}: the windows of an {@code inactive} trigger
 * in JSON, every part optional. The limits are the flow language's, so a preview can always be
 * written down as a flow.
 */
public record InactiveSegmentRequest(String asOf, Purchase purchase, Engagement engagement) {

    public record Purchase(String noPurchaseFor, Double rhythmFactor, Integer minOrders) {}

    public record Engagement(String noEngagementFor, Integer unansweredMessages) {}

    /** The trigger and instant asked for, or a 422 naming every field at fault. */
    record Checked(Trigger.Inactive trigger, Instant asOf) {}

    Checked check(Instant now) {
        List<ProblemDetails.Violation> errors = new ArrayList<>();
        Instant at = now;
        if (asOf != null) {
            Optional<Instant> parsed = Instants.parse(asOf);
            if (parsed.isEmpty()) {
                errors.add(ProblemDetails.Violation.ofField("asOf", Instants.problem(asOf, "2026-05-17T10:00:00Z")));
            } else {
                at = parsed.get();
            }
        }
        Purchase p = purchase == null ? new Purchase(null, null, null) : purchase;
        Engagement e = engagement == null ? new Engagement(null, null) : engagement;
        Optional<FlowDuration> noPurchaseFor = duration("purchase.noPurchaseFor", p.noPurchaseFor(), errors);
        Optional<FlowDuration> noEngagementFor = duration("engagement.noEngagementFor", e.noEngagementFor(), errors);
        if (p.rhythmFactor() != null && !(p.rhythmFactor() >= 1 && p.rhythmFactor() <= 20)) {
            errors.add(ProblemDetails.Violation.ofField(
                    "purchase.rhythmFactor",
                    "must be between 1 and 20 (times the customer's median gap between purchase days), not "
                            + p.rhythmFactor()));
        }
        if (p.minOrders() != null && (p.minOrders() < 2 || p.minOrders() > 1000)) {
            errors.add(ProblemDetails.Violation.ofField(
                    "purchase.minOrders",
                    "must be between 2 and 1000 (a rhythm needs at least two orders), not " + p.minOrders()));
        }
        if (e.unansweredMessages() != null && (e.unansweredMessages() < 1 || e.unansweredMessages() > 100)) {
            errors.add(ProblemDetails.Violation.ofField(
                    "engagement.unansweredMessages", "must be between 1 and 100, not " + e.unansweredMessages()));
        }
        if (p.noPurchaseFor() == null
                && p.rhythmFactor() == null
                && e.noEngagementFor() == null
                && e.unansweredMessages() == null) {
            errors.add(
                    ProblemDetails.Violation.ofField(
                            "purchase",
                            "give at least one window: purchase.noPurchaseFor (e.g. P90D), "
                                    + "purchase.rhythmFactor (e.g. 2.0), engagement.noEngagementFor (e.g. P30D) or engagement.unansweredMessages"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Trigger.Inactive trigger = new Trigger.Inactive(
                noPurchaseFor,
                p.rhythmFactor() == null ? OptionalDouble.empty() : OptionalDouble.of(p.rhythmFactor()),
                p.minOrders() == null ? Trigger.Inactive.DEFAULT_MIN_ORDERS : p.minOrders(),
                noEngagementFor,
                e.unansweredMessages() == null ? OptionalInt.empty() : OptionalInt.of(e.unansweredMessages()),
                SourceLocation.UNKNOWN);
        return new Checked(trigger, at);
    }

    private static Optional<FlowDuration> duration(String field, String text, List<ProblemDetails.Violation> errors) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<FlowDuration> parsed = FlowDuration.tryParse(text);
        if (parsed.isEmpty() || parsed.get().isZero()) {
            errors.add(ProblemDetails.Violation.ofField(
                    field, "'" + text + "' is not a duration; write ISO-8601 such as P90D, P6M or PT12H"));
            return Optional.empty();
        }
        if (parsed.get().isTooLong()) {
            errors.add(ProblemDetails.Violation.ofField(
                    field,
                    "'" + text + "' is too long; durations run up to " + FlowDuration.LONGEST.text()
                            + " (10 years), as in flows"));
            return Optional.empty();
        }
        return parsed;
    }
}
