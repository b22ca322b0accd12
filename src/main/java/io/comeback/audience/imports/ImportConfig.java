package io.comeback.audience.imports;

import io.smallrye.config.ConfigMapping;

/** {@code comeback.import.*} (README "CSV import"). Defaults are in application.properties. */
@ConfigMapping(prefix = "comeback.import")
public interface ImportConfig {

    /** CSV rows copied into PostgreSQL per batch. */
    int batchSize();

    /** Rejected rows listed in an import's answer (all are counted). */
    int maxReportedRejections();

    /** Connections that recompute customer facts at the end of an order import. */
    int foldConnections();

    /** Customers per fact-recompute transaction. */
    int foldChunk();

    /** Connections that store order batches at once. */
    int orderLanes();

    /** Connections that store customer batches at once. */
    int customerLanes();

    /**
     * How recent an imported order must be to set flows in motion: it starts an {@code order_placed} flow when the
     * moment the flow would have started for it (placed at, plus the trigger's delay) is no longer ago than this, and
     * it is a goal of a running enrollment when it was placed no longer than this before the enrollment began.
     */
    java.time.Duration triggerWindow();
}
