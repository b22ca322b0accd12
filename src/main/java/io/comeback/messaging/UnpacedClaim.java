package io.comeback.messaging;

import io.comeback.messaging.port.SmsGateway;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Claims due rows without pacing: first those this node handed over (by primary key), else the oldest
 * due, each by one statement committed on its own.
 */
final class UnpacedClaim implements DispatchClaim {

    private final HandedOverQueue handedOver = new HandedOverQueue(50_000);

    @Override
    public ClaimedBatch claim(Connection c, SmsGateway gateway, Instant now, int batchSize) throws SQLException {
        c.setAutoCommit(true);
        List<Long> handed = handedOver.take(batchSize);
        if (!handed.isEmpty()) {
            List<DispatchStore.Claimed> rows = DispatchStore.claimHanded(c, now, handed);
            return new ClaimedBatch(rows, Duration.ZERO);
        }
        List<DispatchStore.Claimed> rows = DispatchStore.claim(c, now, batchSize);
        return new ClaimedBatch(rows, rows.size() == batchSize ? Duration.ZERO : null);
    }

    @Override
    public void handOver(List<Long> messageIds) {
        handedOver.add(messageIds);
    }
}
