package io.comeback.messaging.pacing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Turns {@link PacingConfig} (README "Pacing") into the settings and the shared buckets. */
@ApplicationScoped
public class PacingBeans {

    @Produces
    @Singleton
    PacingSettings settings(PacingConfig config) {
        PacingConfig.SlowDown slowDown = config.slowDown();
        if (!(slowDown.factor() > 0 && slowDown.factor() < 1)) {
            throw new IllegalArgumentException("comeback.pacing.slow-down.factor must be between 0 and 1, e.g. 0.5");
        }
        return new PacingSettings(
                config.segmentsPerSecond(),
                config.burst(),
                PacingSettings.parseSenders(config.senders().orElse(null)),
                new PacingSettings.SlowDown(
                        slowDown.factor(),
                        slowDown.minFactor(),
                        slowDown.hold(),
                        slowDown.recoverEvery(),
                        slowDown.recoverStep(),
                        slowDown.minInterval()));
    }

    @Produces
    @Singleton
    SenderBuckets buckets(PacingSettings settings) {
        return new SenderBuckets(settings);
    }
}
