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
}
