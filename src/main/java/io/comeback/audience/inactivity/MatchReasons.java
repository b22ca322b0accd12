package io.comeback.audience.inactivity;

import io.comeback.engine.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the facts of a {@link LapseRow} into the reasons a marketer reads. */
public final class MatchReasons {

    private MatchReasons() {}

    public static MatchReason of(Trigger.Inactive trigger, LapseRow row, Instant asOf) {
        List<MatchReason.Window> windows = new ArrayList<>();
        if (row.basis() != null) {
            windows.add(purchase(trigger, row, asOf));
        }
        if (trigger.noEngagementFor().isPresent()) {
            windows.add(engagement(trigger, row, asOf));
        }
        if (trigger.unansweredMessages().isPresent()) {
            int count = row.unansweredMessages();
            windows.add(new MatchReason.Window(
                    MatchReason.Rule.UNANSWERED_MESSAGES.wire,
                    null,
                    null,
                    null,
                    null,
                    count,
                    "the last " + count + " marketing texts got no reply or click (rule: "
                            + trigger.unansweredMessages().getAsInt() + ")"));
        }
        return new MatchReason(asOf, windows);
    }

    private static MatchReason.Window purchase(Trigger.Inactive trigger, LapseRow row, Instant asOf) {
        long window =
                Duration.between(row.lastOrderAt(), row.purchaseLapsedAt()).getSeconds();
        long late = Duration.between(row.purchaseLapsedAt(), asOf).getSeconds();
        String detail;
        if (MatchReason.Rule.ofWire(row.basis()) == MatchReason.Rule.PERSONAL_RHYTHM) {
            double factor = trigger.rhythmFactor().getAsDouble();
            long rhythm = Math.round(row.medianGapSeconds() * factor);
            // The SQL took max(rhythm, floor): a longer window than the rhythm's is the floor.
            String floor = window > rhythm ? ", raised to the floor of " + days(window) : "";
            detail = "no order for %s; usually orders every %s (between purchase days), window %s × %s = %s%s; %s late"
                    .formatted(
                            days(Duration.between(row.lastOrderAt(), asOf).getSeconds()),
                            days(row.medianGapSeconds()),
                            factor(factor),
                            days(row.medianGapSeconds()),
                            days(rhythm),
                            floor,
                            days(late));
        } else {
            detail = "no order for %s; fixed window %s; %s late"
                    .formatted(
                            days(Duration.between(row.lastOrderAt(), asOf).getSeconds()),
                            trigger.noPurchaseFor().orElseThrow().inWords(),
                            days(late));
        }
        return new MatchReason.Window(
                row.basis(), row.lastOrderAt(), window, row.purchaseLapsedAt(), late, null, detail);
    }

    private static MatchReason.Window engagement(Trigger.Inactive trigger, LapseRow row, Instant asOf) {
        String rule = MatchReason.Rule.NO_ENGAGEMENT.wire;
        if (row.lastEngagedAt() == null) {
            return new MatchReason.Window(
                    rule,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "never replied, clicked or visited (rule: "
                            + trigger.noEngagementFor().get() + ")");
        }
        long window =
                Duration.between(row.lastEngagedAt(), row.engagedLapsedAt()).getSeconds();
        long late = Duration.between(row.engagedLapsedAt(), asOf).getSeconds();
        return new MatchReason.Window(
                rule,
                row.lastEngagedAt(),
                window,
                row.engagedLapsedAt(),
                late,
                null,
                "no reply, click or visit for %s; window %s; %s late"
                        .formatted(
                                days(Duration.between(row.lastEngagedAt(), asOf).getSeconds()),
                                trigger.noEngagementFor().get(),
                                days(late)));
    }

    private static String days(long seconds) {
        double days = seconds / 86_400.0;
        return days == Math.rint(days) ? (long) days + " days" : String.format(Locale.ROOT, "%.1f days", days);
    }

    private static String factor(double factor) {
        return factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
    }
}
