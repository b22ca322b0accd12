package io.comeback.gateway.simulator;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.Gateways;
import io.comeback.messaging.MessageStatusRecorder;
import io.comeback.messaging.RuntimeConfig;
import io.comeback.messaging.StatusUpdate;
import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.support.GracefulStop;
import io.comeback.support.Jdbc;
import io.comeback.support.PollingLoop;
import io.comeback.support.UnflushedCommit;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's delivery receipts. Due receipts are rows in {@code simulator_messages}, not timers
 * in memory, so they survive restarts; the provider's row and the ledger's status change commit
 * together, like a webhook that is retried until answered.
 */
@ApplicationScoped
public class SimulatorReceipts {

    // = ANY(ARRAY(…)) rather than IN (…): the ids are then probed in the primary key; as a semi-join, a table
    // filling faster than it is analyzed was scanned whole for every batch.
    private static final String DUE = """
            UPDATE simulator_messages s SET status = 'delivered', receipt_due_at = NULL
            WHERE s.id = ANY(ARRAY(SELECT id FROM simulator_messages WHERE receipt_due_at <= ?
                                   ORDER BY receipt_due_at LIMIT ? FOR UPDATE SKIP LOCKED))
            RETURNING s.id, s.ledger_id
            """;
    private static final int BATCH = 1000;

    private final AgroalDataSource dataSource;
    private final MessageStatusRecorder recorder;
    private final Clock clock;
    private final PollingLoop loop;
    private final GracefulStop stop;
    private final boolean active;

    public SimulatorReceipts(
            AgroalDataSource dataSource,
            MessageStatusRecorder recorder,
            Clock clock,
            GracefulStop stop,
            Gateways gateways,
            SimulatorConfig config,
            RuntimeConfig runtime) {
        this.dataSource = dataSource;
        this.recorder = recorder;
        this.clock = clock;
        this.stop = stop;
        this.active = runtime.enabled() && "simulator".equals(gateways.configuredName());
        this.loop = new PollingLoop("simulator-receipts", 1, config.receiptPollInterval(), () -> deliverDue() == BATCH);
    }

    void onStart(@Observes StartupEvent event) {
        if (active) {
            loop.start();
            stop.register(loop);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop.stop(loop);
    }

    /** @return receipts delivered in this batch */
    public int deliverDue() {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // Receipt and "provider" row commit together: a lost commit only delays the receipt.
                UnflushedCommit.allow(c);
                List<StatusUpdate> receipts = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement(DUE)) {
                    Jdbc.setInstant(st, 1, now);
                    st.setInt(2, BATCH);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            long ledgerId = rs.getLong(2);
                            receipts.add(new StatusUpdate(
                                    SimulatorGateway.providerId(rs.getLong(1)),
                                    rs.wasNull() ? null : ledgerId,
                                    DeliveryStatus.DELIVERED,
                                    null,
                                    now));
                        }
                    }
                }
                recorder.applyAll(c, receipts);
                c.commit();
                return receipts.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Simulator receipts failed", e);
        }
    }
}
