package io.comeback.messaging;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * {@code comeback.reconcile.*}: texts in doubt and stale statuses, checked with the gateway. Defaults are in
 * application.properties.
 */
@ConfigMapping(prefix = "comeback.reconcile")
public interface ReconcileConfig {

    /** How often the reconciliation jobs run: a Quarkus {@code every} expression, read by their {@code @Scheduled}. */
    String every();

    /** Texts in doubt handled per run. */
    int batchSize();

    /** A text queued, sending or sent this long without news is looked up at the provider. */
    Duration staleAfter();

    /** Texts older than this are no longer looked up. */
    Duration staleGiveUpAfter();

    /** Stale texts looked up per run. */
    int staleBatchSize();
}
