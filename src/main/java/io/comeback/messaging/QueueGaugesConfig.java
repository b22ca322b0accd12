package io.comeback.messaging;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code comeback.metrics.queue-gauges.*} (README "Monitoring"). Defaults are in application.properties. */
@ConfigMapping(prefix = "comeback.metrics.queue-gauges")
public interface QueueGaugesConfig {

    /** The queue gauges are read from the database at most this often, however many scrapers ask. */
    Duration maxAge();
}
