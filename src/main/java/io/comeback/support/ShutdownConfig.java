package io.comeback.support;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * {@code comeback.shutdown.*} (README "Restarts, upgrades and texts in flight"). Defaults are in
 * application.properties; the shutdown delay and request timeout before it are Quarkus' own settings.
 */
@ConfigMapping(prefix = "comeback.shutdown")
public interface ShutdownConfig {

    /**
     * From SIGTERM, how long the batches already claimed (texts, enrollments) have to be handed over and recorded;
     * what still runs then is interrupted and recovered like after a crash.
     */
    Duration drainTimeout();
}
