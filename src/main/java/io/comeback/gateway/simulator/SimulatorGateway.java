package io.comeback.gateway.simulator;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.messaging.port.MessageLookup;
import io.comeback.messaging.port.OutgoingSms;
import io.comeback.messaging.port.SendOutcome;
import io.comeback.messaging.port.SmsGateway;
import io.comeback.support.Jdbc;
import io.comeback.support.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default gateway: a pretend provider that keeps what it "received" in {@code simulator_messages}.
 * Each request commits its rows at once, like a real provider would, so the table is the provider's
 * truth — counting rows per ledger id counts gateway calls, whatever happens to the service after.
 * It takes a dispatch batch in one request ({@link #sendAll}), unless {@code comeback.simulator.batch-requests}
 * is false: then one request per message, like Twilio's API.
 * A delivery receipt follows after {@code comeback.simulator.receipt-delay} ({@link SimulatorReceipts}).
 */
@ApplicationScoped
@Named("simulator")
public class SimulatorGateway implements SmsGateway, MessageLookup {

    static final String PROVIDER_PREFIX = "SIM";

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Duration receiptDelay;
    private final boolean batchRequests;
    private final Duration latency;

    public SimulatorGateway(AgroalDataSource dataSource, Clock clock, SimulatorConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.receiptDelay = config.receiptDelay();
        this.batchRequests = config.batchRequests();
        this.latency = config.latency();
    }

    @Override
    public String name() {
        return "simulator";
    }

    @Override
    public SendOutcome send(OutgoingSms message) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            // One round trip: the statement is its own transaction, committed without waiting for the
            // WAL flush. The "provider's" copy must survive a crash of the service, which an unflushed
            // commit does; only a crash of PostgreSQL itself could lose it, and a real provider is
            // elsewhere anyway. Round trips, not work, were most of a send's time on a busy machine.
            long id = insert(c, SEND, message.messageId(), message.to(), message.body(), now, now.plus(receiptDelay));
            answerTravels();
            return new SendOutcome.Accepted(providerId(id), DeliveryStatus.QUEUED);
        } catch (SQLException e) {
            // We cannot tell whether the row (the "provider's" copy) was committed before the failure.
            return new SendOutcome.Indeterminate("simulator could not record the message: " + e.getMessage());
        }
    }

    /**
     * The provider has the message; its answer takes {@code comeback.simulator.latency} to come back, as a real
     * provider's does. Interrupted on the way, the caller cannot know it was taken (as with a dropped connection).
     */
    private void answerTravels() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the simulator's answer was on its way", e);
        }
    }

    @Override
    public boolean takesBatches() {
        // false: one request per message, like Twilio's API (the dispatcher then calls side by side)
        return batchRequests;
    }

    /**
     * A dispatch batch in one statement, committed as one: the "provider" has every message of it or
     * none. The rows are the same as those of one call per message; only the round trips are fewer.
     */
    @Override
    public List<SendOutcome> sendAll(List<OutgoingSms> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<Long, Long> simulatorIds = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(SEND_ALL)) {
            c.setAutoCommit(true);
            st.setString(1, DeliveryStatus.QUEUED.wire());
            Jdbc.setInstant(st, 2, now.plus(receiptDelay));
            Jdbc.setInstant(st, 3, now);
            st.setArray(4, SqlArrays.longs(c, messages, OutgoingSms::messageId));
            st.setArray(5, SqlArrays.texts(c, messages, OutgoingSms::to));
            st.setArray(6, SqlArrays.texts(c, messages, OutgoingSms::body));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    simulatorIds.put(rs.getLong(2), rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            SendOutcome unknown =
                    new SendOutcome.Indeterminate("simulator could not record the messages: " + e.getMessage());
            return messages.stream().map(m -> unknown).toList();
        }
        answerTravels();
        List<SendOutcome> outcomes = new ArrayList<>(messages.size());
        for (OutgoingSms message : messages) {
            Long id = simulatorIds.get(message.messageId());
            outcomes.add(
                    id == null
                            ? new SendOutcome.Indeterminate(
                                    "simulator returned no row for message " + message.messageId())
                            : new SendOutcome.Accepted(providerId(id), DeliveryStatus.QUEUED));
        }
        return outcomes;
    }

    @Override
    public Answer lookup(long messageId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT id, status FROM simulator_messages WHERE ledger_id = ? ORDER BY id LIMIT 1")) {
            st.setLong(1, messageId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return new NeverReceived();
                }
                return new Found(
                        providerId(rs.getLong(1)),
                        DeliveryStatus.fromWire(rs.getString(2)).orElse(DeliveryStatus.QUEUED));
            }
        } catch (SQLException e) {
            return new CannotTell(e.getMessage());
        }
    }

    static String providerId(long id) {
        return PROVIDER_PREFIX + id;
    }

    static Optional<Long> simulatorId(String providerId) {
        if (providerId == null || !providerId.startsWith(PROVIDER_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(providerId.substring(PROVIDER_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static final String RECORD = """
            INSERT INTO simulator_messages (ledger_id, direction, to_phone, body, status, receipt_due_at, at)
            VALUES (?, 'outbound', ?, ?, ?, ?, ?) RETURNING id""";
    // set_config(…, true) holds for the statement's own transaction, so its commit does not wait for the flush.
    private static final String SEND = """
            INSERT INTO simulator_messages (ledger_id, direction, to_phone, body, status, receipt_due_at, at)
            SELECT ?, 'outbound', ?, ?, ?, ?, ? FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async
            RETURNING id""";

    private static final String SEND_ALL = """
            INSERT INTO simulator_messages (ledger_id, direction, to_phone, body, status, receipt_due_at, at)
            SELECT u.ledger_id, 'outbound', u.to_phone, u.body, ?, ?, ?
            FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async,
                 unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY AS u(ledger_id, to_phone, body, n)
            ORDER BY u.n
            RETURNING id, ledger_id""";

    static long record(Connection c, Long ledgerId, String to, String body, Instant at, Instant receiptDue)
            throws SQLException {
        return insert(c, RECORD, ledgerId, to, body, at, receiptDue);
    }

    private static long insert(
            Connection c, String sql, Long ledgerId, String to, String body, Instant at, Instant receiptDue)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (ledgerId == null) {
                st.setNull(1, java.sql.Types.BIGINT);
            } else {
                st.setLong(1, ledgerId);
            }
            st.setString(2, to);
            st.setString(3, body);
            st.setString(4, receiptDue == null ? DeliveryStatus.DELIVERED.wire() : DeliveryStatus.QUEUED.wire());
            Jdbc.setInstant(st, 5, receiptDue);
            Jdbc.setInstant(st, 6, at);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
