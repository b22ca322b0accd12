package io.comeback.messaging.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * At most {@code maxTexts} marketing texts to one person in any rolling {@code window}
 * (e.g. 4 per 30 days, 1 per day). Rolling, not calendar: "1 per day" means 24 hours since the last one.
 */
public record FrequencyCap(int maxTexts, Duration window) {

    public FrequencyCap {
        if (maxTexts < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a cap needs at least 1 text in a positive window");
        }
    }

    /**
     * The earliest instant at or after {@code at} when one more text keeps every cap, given when this
     * person was texted before. Caps are checked together until all hold at once.
     */
    public static Instant earliestAllowed(Collection<FrequencyCap> caps, List<Instant> sentBefore, Instant at) {
        List<Instant> sent = new ArrayList<>(sentBefore);
        sent.sort(null);
        Instant candidate = at;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (FrequencyCap cap : caps) {
                Instant allowed = cap.earliestAllowed(sent, candidate);
                if (allowed.isAfter(candidate)) {
                    candidate = allowed;
                    moved = true;
                }
            }
        }
        return candidate;
    }

    /** {@code sent} must be sorted. */
    Instant earliestAllowed(List<Instant> sent, Instant at) {
        List<Instant> inWindow = sent.stream()
                .filter(t -> t.isAfter(at.minus(window)) && !t.isAfter(at))
                .toList();
        if (inWindow.size() < maxTexts) {
            return at;
        }
        // The window must slide past enough old texts to leave room for one more.
        Instant oldestThatMustLeave = inWindow.get(inWindow.size() - maxTexts);
        return oldestThatMustLeave.plus(window);
    }
}
