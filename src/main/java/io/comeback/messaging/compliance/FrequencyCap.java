package io.comeback.messaging.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * At most {@code maxTexts} marketing texts to one person in any rolling {@code window}
 * (e.g. 4 per 30 days, 1 per day). Rolling, not calendar: "1 per day" means 24 hours since the last one.
 * Texts already planned for later (waiting for morning, deferred by another cap) count as well: every
 * window that would contain the new text is checked, not only the one ending at it, so a text due
 * tonight cannot land beside one already waiting for tomorrow morning.
 */
public record FrequencyCap(int maxTexts, Duration window) {

    public FrequencyCap {
        if (maxTexts < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a cap needs at least 1 text in a positive window");
        }
    }

    /** For reasons on the ledger: "1 per P1D". */
    public String describe() {
        long seconds = window.toSeconds();
        String length = seconds % 86_400 == 0 ? "P" + seconds / 86_400 + "D" : window.toString();
        return maxTexts + " per " + length;
    }

    /**
     * The earliest instant at or after {@code at} when one more text keeps every cap, given when this
     * person was (or will be) texted. Caps are checked together until all hold at once.
     */
    public static Instant earliestAllowed(Collection<FrequencyCap> caps, List<Instant> texts, Instant at) {
        // The earliest allowed time is `at` itself or the moment some text leaves a window (t + window).
        TreeSet<Instant> candidates = new TreeSet<>();
        candidates.add(at);
        for (FrequencyCap cap : caps) {
            for (Instant t : texts) {
                Instant leaves = t.plus(cap.window);
                if (leaves.isAfter(at)) {
                    candidates.add(leaves);
                }
            }
        }
        for (Instant candidate : candidates) {
            if (caps.stream().allMatch(cap -> cap.fits(texts, candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("unreachable: after the last text leaves every window there is room");
    }

    /** True when no window of this cap that contains {@code at} is already full. */
    public boolean fits(List<Instant> texts, Instant at) {
        // Windows are (s, s + window] with s in [at - window, at); a window's count only grows where
        // s + window reaches a text, so those starts and the first one are the only ones to check.
        List<Instant> starts = new ArrayList<>();
        starts.add(at.minus(window));
        for (Instant t : texts) {
            Instant s = t.minus(window);
            if (!s.isBefore(at.minus(window)) && s.isBefore(at)) {
                starts.add(s);
            }
        }
        for (Instant s : starts) {
            Instant end = s.plus(window);
            long inWindow =
                    texts.stream().filter(t -> t.isAfter(s) && !t.isAfter(end)).count();
            if (inWindow + 1 > maxTexts) {
                return false;
            }
        }
        return true;
    }
}
