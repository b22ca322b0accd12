package io.comeback.enrollment;

import io.comeback.engine.run.FlowEvent;
import io.comeback.support.Jdbc;
import io.comeback.support.SqlArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The set-based statements of a wake-up batch: claim, read queued signals, write back, set failures aside. */
final class WakeUpStore {

    // The partial index on next_wake_at holds only waiting rows; SKIP LOCKED lets every worker of
    // every replica take a different batch without waiting for the others.
    //
    // The pause hold (V170): a due row of a paused flow is not run but moved out of the due index, its wake-up
    // kept in held_wake_at until the flow is resumed (FlowPause). So a paused backlog costs each claim nothing
    // after the first one met it, and the filter is one primary-key probe of flow_controls per claimed row.
    // A paused flow's control row is held FOR SHARE until the batch commits, and resuming locks it FOR UPDATE
    // first: a resume waits for a claim that is holding rows of the flow, so none is held after the resume.
    private static final String CLAIM = """
            WITH due AS (
                SELECT id, flow_id, flow_version, customer_id, status, state::text AS state,
                       start_context::text AS start_context, entered_at, approval_id, next_wake_at
                FROM enrollments
                WHERE next_wake_at <= ?
                ORDER BY next_wake_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED
            ), paused AS (
                SELECT flow_id FROM flow_controls WHERE status = 'paused' AND flow_id IN (SELECT flow_id FROM due)
                FOR SHARE
            ), held AS (
                UPDATE enrollments e SET held_wake_at = due.next_wake_at, next_wake_at = NULL
                FROM due JOIN paused ON paused.flow_id = due.flow_id
                WHERE e.id = due.id
                RETURNING e.id
            )
            SELECT id, flow_id, flow_version, customer_id, status, state, start_context, entered_at, approval_id
            FROM due
            WHERE id NOT IN (SELECT id FROM held)
            ORDER BY next_wake_at
            """;
    private static final String SIGNALS = """
            SELECT id, enrollment_id, event::text FROM enrollment_signals WHERE enrollment_id = ANY (?) ORDER BY id
            """;
    private static final String UPDATE = """
            UPDATE enrollments e SET status = u.status, step_id = u.step_id, state = CAST(u.state AS jsonb),
                next_wake_at = u.next_wake_at, held_wake_at = NULL, exited_at = u.exited_at, exit_reason = u.exit_reason,
                exit_label = u.exit_label, conversion = u.conversion, updated_at = ?
            FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(CAST(? AS text[]) AS timestamptz[]), CAST(CAST(? AS text[]) AS timestamptz[]),
                        CAST(? AS text[]), CAST(? AS text[]), CAST(? AS boolean[]))
                 AS u(id, status, step_id, state, next_wake_at, exited_at, exit_reason, exit_label, conversion)
            WHERE e.id = u.id
            """;

    /** What to write back for one enrollment after its events were interpreted. */
    record Update(
            long id,
            String status,
            String stepId,
            String stateJson,
            Instant nextWakeAt,
            Instant exitedAt,
            String exitReason,
            String exitLabel,
            boolean conversion) {}

    // Only the columns a failure changes: the stored state and step stay as they were, so this statement
    // cannot trip over whatever made the enrollment fail. Terminal (exited_at set), so no signal wakes it
    // again and the customer may enter the flow anew under its re-entry rule.
    private static final String FAIL = """
            UPDATE enrollments e SET status = 'failed', next_wake_at = NULL, exited_at = ?, exit_reason = 'failed',
                exit_label = NULL, failure = u.failure, failed_at = ?, updated_at = ?
            FROM unnest(CAST(? AS bigint[]), CAST(? AS text[])) AS u(id, failure)
            WHERE e.id = u.id
            """;

    // An enrollment whose texts wait for approval waits with them: its next wake-up is kept aside until the
    // approval is decided (FlowApprovals), so no later step runs ahead of a text nobody approved yet.
    private static final String PARK = """
            UPDATE enrollments SET held_wake_at = next_wake_at, next_wake_at = NULL
            WHERE id = ANY (?) AND next_wake_at IS NOT NULL
            """;
    // Texts that reached the provider (the funnel's "sent"): a goal counts as a conversion only after one.
    // By the ledger's unique (enrollment_id, send_key) index.
    private static final String WITH_SENT_TEXTS = """
            SELECT DISTINCT enrollment_id FROM outbound_messages
            WHERE enrollment_id = ANY (?) AND status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed')
            """;

    /** @param inboundMessageId the {@code inbound_messages} row of a reply, else null */
    record Signal(long id, FlowEvent event, Long inboundMessageId) {}

    /**
     * The queued signals of a batch by enrollment, and the enrollments with a signal that cannot be read
     * (they are set aside as failed rather than failing the batch).
     */
    record Signals(Map<Long, List<Signal>> byEnrollment, Map<Long, String> unreadable) {}

    /** An enrollment set aside: {@code failure} says what went wrong, for the API and the dashboard. */
    record Failure(long id, String flowId, String failure) {
        private static final int LONGEST = 2000;

        Failure {
            // Kept short and storable whatever the exception carried.
            String text = failure == null ? "unknown error" : failure.replace((char) 0, '?');
            failure = text.length() > LONGEST ? text.substring(0, LONGEST) + "…" : text;
        }

        static Failure of(long id, String flowId, Throwable e) {
            String message = e.getMessage();
            return new Failure(id, flowId, e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
        }
    }

    private WakeUpStore() {}

    static List<ClaimedEnrollment> claim(Connection c, Instant now, int limit) throws SQLException {
        List<ClaimedEnrollment> claimed = new ArrayList<>(limit);
        try (PreparedStatement st = c.prepareStatement(CLAIM)) {
            Jdbc.setInstant(st, 1, now);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedEnrollment(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getTimestamp(8).toInstant(),
                            (Long) rs.getObject(9)));
                }
            }
        }
        return claimed;
    }

    /** Signals queued for these enrollments, oldest first, and deleted in the same transaction. */
    static Signals takeSignals(Connection c, List<ClaimedEnrollment> claimed) throws SQLException {
        Map<Long, List<Signal>> signals = new LinkedHashMap<>();
        Map<Long, String> unreadable = new LinkedHashMap<>(0);
        List<Long> taken = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(SIGNALS)) {
            st.setArray(
                    1,
                    c.createArrayOf(
                            "bigint",
                            claimed.stream().map(ClaimedEnrollment::id).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    taken.add(rs.getLong(1));
                    long enrollmentId = rs.getLong(2);
                    try {
                        Signal signal = new Signal(
                                rs.getLong(1),
                                SignalCodec.read(rs.getString(3)),
                                SignalCodec.inboundMessageId(rs.getString(3)));
                        signals.computeIfAbsent(enrollmentId, k -> new ArrayList<>())
                                .add(signal);
                    } catch (RuntimeException e) {
                        unreadable.putIfAbsent(
                                enrollmentId, "signal " + rs.getLong(1) + " is unreadable: " + e.getMessage());
                    }
                }
            }
        }
        if (!taken.isEmpty()) {
            // By id, not by enrollment: a signal queued while this batch runs stays for the next claim.
            try (PreparedStatement st = c.prepareStatement("DELETE FROM enrollment_signals WHERE id = ANY (?)")) {
                st.setArray(1, c.createArrayOf("bigint", taken.toArray()));
                st.executeUpdate();
            }
        }
        return new Signals(signals, unreadable);
    }

    static void write(Connection c, List<Update> updates, Instant now) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(UPDATE)) {
            int i = 0;
            Jdbc.setInstant(st, ++i, now);
            st.setArray(++i, SqlArrays.longs(c, updates, Update::id));
            st.setArray(++i, SqlArrays.texts(c, updates, Update::status));
            st.setArray(++i, SqlArrays.texts(c, updates, Update::stepId));
            st.setArray(++i, SqlArrays.texts(c, updates, Update::stateJson));
            st.setArray(++i, SqlArrays.instants(c, updates, Update::nextWakeAt));
            st.setArray(++i, SqlArrays.instants(c, updates, Update::exitedAt));
            st.setArray(++i, SqlArrays.texts(c, updates, Update::exitReason));
            st.setArray(++i, SqlArrays.texts(c, updates, Update::exitLabel));
            st.setArray(++i, SqlArrays.booleans(c, updates, Update::conversion));
            st.executeUpdate();
        }
    }

    static void park(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(PARK)) {
            st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            st.executeUpdate();
        }
    }

    /** Of these enrollments, those with a text that reached the provider. */
    static java.util.Set<Long> withSentTexts(Connection c, List<Long> ids) throws SQLException {
        java.util.Set<Long> sent = new java.util.HashSet<>();
        if (ids.isEmpty()) {
            return sent;
        }
        try (PreparedStatement st = c.prepareStatement(WITH_SENT_TEXTS)) {
            st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sent.add(rs.getLong(1));
                }
            }
        }
        return sent;
    }

    static void fail(Connection c, List<Failure> failures, Instant now) throws SQLException {
        if (failures.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(FAIL)) {
            Jdbc.setInstant(st, 1, now);
            Jdbc.setInstant(st, 2, now);
            Jdbc.setInstant(st, 3, now);
            st.setArray(4, SqlArrays.longs(c, failures, Failure::id));
            st.setArray(5, SqlArrays.texts(c, failures, Failure::failure));
            st.executeUpdate();
        }
    }
}
