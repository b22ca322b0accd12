package io.comeback.messaging.pacing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Reads {@code comeback.pacing.*} (README "Pacing") into the settings and the shared buckets. */
@ApplicationScoped
public class PacingConfig {

    @ConfigProperty(name = "comeback.pacing.segments-per-second", defaultValue = "0")
    double segmentsPerSecond;
    @ConfigProperty(name = "comeback.pacing.burst", defaultValue = "0")
    double burst;
    @ConfigProperty(name = "comeback.pacing.senders", defaultValue = " ")
    String senders;
    @ConfigProperty(name = "comeback.pacing.slow-down.factor", defaultValue = "0.5")
    double slowDownFactor;
    @ConfigProperty(name = "comeback.pacing.slow-down.min-factor", defaultValue = "0.05")
    double minFactor;
    @ConfigProperty(name = "comeback.pacing.slow-down.hold", defaultValue = "PT5M")
    Duration hold;
    @ConfigProperty(name = "comeback.pacing.slow-down.recover-every", defaultValue = "PT1M")
    Duration recoverEvery;
    @ConfigProperty(name = "comeback.pacing.slow-down.recover-step", defaultValue = "0.1")
    double recoverStep;
    @ConfigProperty(name = "comeback.pacing.slow-down.min-interval", defaultValue = "PT10S")
    Duration minInterval;

    @Produces
    @Singleton
    PacingSettings settings() {
        if (!(slowDownFactor > 0 && slowDownFactor < 1)) {
            throw new IllegalArgumentException("comeback.pacing.slow-down.factor must be between 0 and 1, e.g. 0.5");
        }
        return new PacingSettings(segmentsPerSecond, burst, PacingSettings.parseSenders(senders),
                new PacingSettings.SlowDown(slowDownFactor, minFactor, hold, recoverEvery, recoverStep, minInterval));
    }

    @Produces
    @Singleton
    SenderBuckets buckets(PacingSettings settings) {
        return new SenderBuckets(settings);
    }
}
