package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.port.MessageLookup;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Settles messages whose fate the service does not know. A row still {@code dispatching} after the
 * lease belonged to a node that died between calling the gateway and recording the result: it
 * becomes {@code unknown}. Unknown rows are then asked about at the gateway, when it can answer:
 * found → its status; certainly never received → {@code pending} again (safe to send); otherwise
 * the row stays {@code unknown} for a person — never resent blindly.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final AgroalDataSource dataSource;
    private final Gateways gateways;
    private final Clock clock;
    private final Duration lease;
    private final int batchSize;

    public Reconciliation(
            AgroalDataSource dataSource,
            Gateways gateways,
            Clock clock,
            DispatchConfig dispatch,
            ReconcileConfig config) {
        this.dataSource = dataSource;
        this.gateways = gateways;
        this.clock = clock;
        this.lease = dispatch.lease();
        this.batchSize = config.batchSize();
    }

    public record Result(int markedUnknown, int found, int requeued, int undecided) {}

    public Result run() {
        Instant now = clock.instant();
        int marked = markAbandoned(now);
        Optional<MessageLookup> lookup = gateways.lookup();
        if (lookup.isEmpty()) {
            return new Result(marked, 0, 0, 0);
        }
        List<DispatchOutcome> outcomes = new ArrayList<>();
        int undecided = 0;
        int found = 0;
        Set<String> foundThisRun = new HashSet<>();
        for (Unknown unknown : unknownRows()) {
            long id = unknown.row().messageId();
            MessageLookup.Answer answer = lookup.get().lookup(withKnownIds(unknown, foundThisRun));
            if (answer instanceof MessageLookup.Found f && !foundThisRun.add(f.providerMessageId())) {
                undecided++; // another row of this run took that message; ask again next time
            } else if (answer instanceof MessageLookup.Found f) {
                outcomes.add(new DispatchOutcome(
                        id,
                        f.status().wire(),
                        gateways.configuredName(),
                        f.providerMessageId(),
                        null,
                        "reconciled: found at the provider",
                        null));
                found++;
            } else if (answer instanceof MessageLookup.NeverReceived) {
                outcomes.add(new DispatchOutcome(
                        id,
                        LedgerStatus.PENDING.wire(),
                        gateways.configuredName(),
                        null,
                        null,
                        "reconciled: the provider never received it",
                        now));
            } else {
                undecided++;
            }
        }
        record(outcomes, now);
        Result result = new Result(marked, found, outcomes.size() - found, undecided);
        if (marked + outcomes.size() > 0) {
            LOG.infof("Reconciliation: %s", result);
        }
        return result;
    }

    private int markAbandoned(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                UPDATE outbound_messages SET status = 'unknown', status_at = ?,
                    status_reason = 'no outcome recorded: the node may have died during the gateway call'
                WHERE status = 'dispatching' AND dispatched_at < ?""")) {
            c.setAutoCommit(true);
            Jdbc.setInstant(st, 1, now);
            Jdbc.setInstant(st, 2, now.minus(lease));
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark abandoned dispatches", e);
        }
    }

    private record Unknown(MessageLookup.InDoubt row, Long customerId) {}

    private List<Unknown> unknownRows() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                SELECT id, to_phone, body, dispatched_at, valid_until, customer_id FROM outbound_messages
                WHERE status = 'unknown' ORDER BY dispatched_at LIMIT ?""")) {
            st.setInt(1, batchSize);
            List<Unknown> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Unknown(
                            new MessageLookup.InDoubt(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    Jdbc.getInstant(rs, 4),
                                    Jdbc.getInstant(rs, 5),
                                    Set.of()),
                            (Long) rs.getObject(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list unknown messages", e);
        }
    }

    /**
     * The provider ids a lookup must not answer with: those already on other rows to the same
     * recipient since a day before this one was dispatched, and those found in this run.
     */
    private MessageLookup.InDoubt withKnownIds(Unknown unknown, Set<String> foundThisRun) {
        MessageLookup.InDoubt row = unknown.row();
        if (row.to() == null || row.dispatchedAt() == null) {
            return row;
        }
        Set<String> known = new HashSet<>(foundThisRun);
        // By customer when there is one (indexed); texts of no customer are few.
        String sql =
                "SELECT provider_message_id FROM outbound_messages WHERE to_phone = ? AND provider_message_id IS NOT NULL"
                        + " AND dispatched_at >= ? AND id <> ?"
                        + (unknown.customerId() == null ? "" : " AND customer_id = ?");
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, row.to());
            Jdbc.setInstant(st, 2, row.dispatchedAt().minus(Duration.ofDays(1)));
            st.setLong(3, row.messageId());
            if (unknown.customerId() != null) {
                st.setLong(4, unknown.customerId());
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the provider ids of " + row.to(), e);
        }
        return new MessageLookup.InDoubt(
                row.messageId(), row.to(), row.body(), row.dispatchedAt(), row.validUntil(), Set.copyOf(known));
    }

    private void record(List<DispatchOutcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            DispatchOutcomeStore.record(c, outcomes, now);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record reconciliation outcomes", e);
        }
    }
}
