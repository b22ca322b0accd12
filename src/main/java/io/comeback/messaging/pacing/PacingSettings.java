package io.comeback.messaging.pacing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How fast each sender may send, in SMS segments per second, and how a provider's "slow down"
 * (Twilio 21611/30001) lowers it. A sender without a rate of its own gets the global one; a rate of 0
 * means unpaced.
 *
 * @param segmentsPerSecond global rate, 0 for no pacing
 * @param burst             global bucket size in segments; 0 means one second's worth of the rate
 * @param senders           rate (and burst) per sender key, overriding the global ones
 * @param slowDown          how a provider's queue overflow lowers a sender's rate and how it recovers
 */
public record PacingSettings(double segmentsPerSecond, double burst, Map<String, Limit> senders, SlowDown slowDown) {

    /** A bucket: {@code rate} segments per second, holding at most {@code burst}. */
    public record Limit(double rate, double burst) {
        public Limit {
            if (rate <= 0) {
                throw new IllegalArgumentException("a sender's rate must be above 0 segments/s");
            }
            // A bucket smaller than one segment would never let a text through.
            burst = Math.max(1.0, burst > 0 ? burst : rate);
        }
    }

    /**
     * @param factor      the rate is multiplied by this on each slow-down (0.5 halves it)
     * @param minFactor   never below this share of the configured rate
     * @param hold        how long the lowered rate holds before it recovers
     * @param recoverEvery after the hold, the share rises by {@code recoverStep} this often, up to the full rate
     * @param recoverStep how much of the configured rate each recovery step gives back
     * @param minInterval reports closer together than this are one overflow (a full queue fails many texts at once)
     */
    public record SlowDown(
            double factor,
            double minFactor,
            Duration hold,
            Duration recoverEvery,
            double recoverStep,
            Duration minInterval) {}

    public PacingSettings {
        senders = Map.copyOf(senders);
    }

    /** Whether any sender is paced at all; when not, the dispatcher claims without looking at buckets. */
    public boolean enabled() {
        return segmentsPerSecond > 0 || !senders.isEmpty();
    }

    /** The bucket of one sender, or empty when it is unpaced. */
    public Optional<Limit> limitFor(String sender) {
        Limit own = senders.get(sender);
        if (own != null) {
            return Optional.of(own);
        }
        return segmentsPerSecond > 0 ? Optional.of(new Limit(segmentsPerSecond, burst)) : Optional.empty();
    }

    /** Parses {@code MG0123=30, +4790000000=1/5} (sender=rate or sender=rate/burst). */
    public static Map<String, Limit> parseSenders(String spec) {
        Map<String, Limit> limits = new LinkedHashMap<>();
        if (spec == null) {
            return limits;
        }
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("comeback.pacing.senders entry '" + entry.trim()
                        + "' should look like MG0123=30 or +4790000000=1/5 (sender=segments per second[/burst])");
            }
            String[] rateAndBurst = entry.substring(eq + 1).trim().split("/", 2);
            try {
                double rate = Double.parseDouble(rateAndBurst[0].trim());
                double burst = rateAndBurst.length > 1 ? Double.parseDouble(rateAndBurst[1].trim()) : 0;
                limits.put(entry.substring(0, eq).trim(), new Limit(rate, burst));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "comeback.pacing.senders entry '" + entry.trim()
                                + "': the rate (and burst) must be numbers above 0, e.g. MG0123=30/60",
                        e);
            }
        }
        return limits;
    }
}
