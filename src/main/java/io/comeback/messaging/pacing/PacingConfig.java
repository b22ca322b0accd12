package io.comeback.messaging.pacing;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code comeback.pacing.*} (README "Pacing"): a token bucket per sender in SMS segments per second, shared by
 * all replicas. Defaults are in application.properties.
 */
@ConfigMapping(prefix = "comeback.pacing")
public interface PacingConfig {

    /** Segments per second for every sender; 0 = unpaced. */
    double segmentsPerSecond();

    /** Bucket size in segments; 0 = one second's worth of the rate. */
    double burst();

    /** A sender's own {@code rate[/burst]}, e.g. {@code MG0123=30,+4790000000=1/5}; overrides the global rate. */
    Optional<String> senders();

    SlowDown slowDown();

    /** What a provider's "queue full" does to the sender's rate, see {@link PacingSettings.SlowDown}. */
    interface SlowDown {

        double factor();

        double minFactor();

        Duration hold();

        Duration recoverEvery();

        double recoverStep();

        Duration minInterval();
    }
}
