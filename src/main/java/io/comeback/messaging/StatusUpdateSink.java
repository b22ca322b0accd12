package io.comeback.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Where gateways hand delivery receipts; applied idempotently, statuses only move forward. */
public interface StatusUpdateSink {
    void apply(StatusUpdate update);

    /**
     * Applies many receipts, in the caller's transaction on {@code c} when the sink writes to the
     * same database ({@link MessageStatusRecorder} does, set-based); by default one by one.
     */
    default void applyAll(Connection c, List<StatusUpdate> updates) throws SQLException {
        updates.forEach(this::apply);
    }
}
