package io.comeback.messaging;

import io.comeback.messaging.port.SmsGateway;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * How the dispatcher claims its next batch: rows marked {@code dispatching} and committed before any
 * gateway call ({@link DispatchStore}). {@link UnpacedClaim} takes what is due; {@link PacedClaim} only what
 * the senders' token buckets allow, when pacing is configured.
 */
interface DispatchClaim {

    /** Claims and commits a batch on {@code c}, a connection of its own. */
    ClaimedBatch claim(Connection c, SmsGateway gateway, Instant now, int batchSize) throws SQLException;

    /** Ledger rows just committed as due now on this node (see {@link HandedOverQueue}); a claim may take them by id. */
    void handOver(List<Long> messageIds);
}
