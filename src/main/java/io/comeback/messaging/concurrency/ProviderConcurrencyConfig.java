package io.comeback.messaging.concurrency;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * {@code comeback.provider-concurrency.*}: how many requests the provider takes at once from the whole cluster
 * (Twilio's per-account concurrency limit), and how the replicas share them. Defaults are in application.properties.
 */
@ConfigMapping(prefix = "comeback.provider-concurrency")
public interface ProviderConcurrencyConfig {

    /** Sends in flight at the provider at once, all replicas together; the same on every replica. */
    int limit();

    /** A replica's share lapses this long after its last renewal: what a replica that died held comes back then. */
    Duration lease();

    /** How often a replica renews its share (and rebalances it with the others'). */
    Duration renewEvery();

    /** A "too many requests" answer multiplies the sends this replica keeps in flight by this factor (0–1). */
    double decrease();
}
