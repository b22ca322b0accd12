package io.comeback.shops;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * {@code comeback.shop-webhooks.*}: how stored shop deliveries are applied (README "Shops"). Defaults are in
 * application.properties.
 */
@ConfigMapping(prefix = "comeback.shop-webhooks")
public interface ShopWebhooksConfig {

    /** Threads per process that apply stored deliveries; SKIP LOCKED splits the work between processes. */
    int workers();

    /** Deliveries a worker takes at a time. */
    int batchSize();

    /** How often an idle worker looks for deliveries (a new delivery wakes the workers of its process at once). */
    Duration pollInterval();

    /** Attempts before a delivery that keeps failing is set aside (status failed) for a person to look at. */
    int maxAttempts();

    /** The pause after the first failed attempt; it doubles with each further failure. */
    Duration firstRetry();

    /** The longest pause between two attempts. */
    Duration maxRetry();

    /** A delivery taken by a process that died is taken again after this long. */
    Duration lease();

    /** Most deliveries stored in one transaction while answering (group commit). */
    int writeBatchSize();
}
