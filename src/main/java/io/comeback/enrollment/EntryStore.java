package io.comeback.enrollment;

import io.comeback.engine.model.Flow;
import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The reads and writes of entering many customers at once: one statement each, whatever the batch size. */
final class EntryStore {

    private static final String HISTORIES = """
            SELECT customer_id, count(*), max(entered_at), coalesce(bool_or(exited_at IS NULL), false)
            FROM enrollments WHERE flow_id = ? AND customer_id = ANY (?)
            GROUP BY customer_id
            """;
    private static final String INSERT = """
            INSERT INTO enrollments (flow_id, flow_version, customer_id, status, start_context, next_wake_at,
                                     entered_at, entry_reason, exited_at, exit_reason, exit_label, updated_at, approval_id)
            SELECT ?, ?, u.customer_id, u.status, CAST(u.context AS jsonb), CAST(u.next_wake_at AS timestamptz), ?,
                   u.reason, CAST(u.exited_at AS timestamptz), u.exit_reason, u.exit_reason, ?, CAST(? AS bigint)
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(customer_id, status, context, next_wake_at, reason, exited_at, exit_reason)
            ON CONFLICT (flow_id, customer_id) WHERE exited_at IS NULL DO NOTHING
            RETURNING customer_id, id
            """;
    // KEY SHARE on the customers about to be entered, erased ones left out. An erasure holds the customer row
    // FOR UPDATE: an entry racing it waits, then finds the person erased, so no enrollment (and no text) is
    // started after the erasure ended the person's enrollments. KEY SHARE does not wait for the ordinary
    // updates of the row (order facts, engagement), only for FOR UPDATE.
    private static final String LIVING =
            "SELECT id FROM customers WHERE id = ANY (?) AND erased_at IS NULL FOR KEY SHARE";
    private static final String LOG = """
            INSERT INTO entry_log (flow_id, customer_id, at, outcome, detail, enrollment_id)
            SELECT ?, u.customer_id, ?, u.outcome, u.detail, u.enrollment_id
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[]) AS u(customer_id, outcome, detail, enrollment_id)
            """;

    /** One customer to enter; {@code heldOut} chosen by {@link Holdout}. */
    record Insert(long customerId, TriggerContext context, String reason, boolean heldOut) {}

    private EntryStore() {}

    static Map<Long, ReEntryCheck.History> histories(Connection c, String flowId, List<Long> customerIds)
            throws SQLException {
        Map<Long, ReEntryCheck.History> histories = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(HISTORIES)) {
            st.setString(1, flowId);
            st.setArray(2, c.createArrayOf("bigint", customerIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    histories.put(
                            rs.getLong(1),
                            new ReEntryCheck.History(rs.getInt(2), Jdbc.getInstant(rs, 3), rs.getBoolean(4)));
                }
            }
        }
        return histories;
    }

    /** Of these ids, the customers that exist (to log outcomes against). */
    static List<Long> existing(Connection c, List<Long> customerIds) throws SQLException {
        List<Long> found = new java.util.ArrayList<>();
        if (customerIds.isEmpty()) {
            return found;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM customers WHERE id = ANY (?)")) {
            st.setArray(1, c.createArrayOf("bigint", customerIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return found;
    }

    /** Locks the customers to enter (see {@code LIVING}) and returns those not erased. */
    static java.util.Set<Long> lockLiving(Connection c, List<Long> customerIds) throws SQLException {
        java.util.Set<Long> living = new java.util.HashSet<>();
        if (customerIds.isEmpty()) {
            return living;
        }
        try (PreparedStatement st = c.prepareStatement(LIVING)) {
            st.setArray(1, c.createArrayOf("bigint", customerIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    living.add(rs.getLong(1));
                }
            }
        }
        return living;
    }

    /** @return enrollment id per customer inserted; a customer missing was entered concurrently (still running) */
    /** @param approvalId the pending approval every inserted enrollment waits for, or null */
    static Map<Long, Long> insert(Connection c, Flow flow, List<Insert> inserts, Instant now, Long approvalId)
            throws SQLException {
        Map<Long, Long> ids = new HashMap<>();
        if (inserts.isEmpty()) {
            return ids;
        }
        int n = inserts.size();
        Long[] customers = new Long[n];
        String[] statuses = new String[n];
        String[] contexts = new String[n];
        String[] wakes = new String[n];
        String[] reasons = new String[n];
        String[] exits = new String[n];
        String[] exitReasons = new String[n];
        for (int i = 0; i < n; i++) {
            Insert in = inserts.get(i);
            customers[i] = in.customerId();
            statuses[i] = (in.heldOut() ? EnrollmentStatus.HELD_OUT : EnrollmentStatus.NEW).wire();
            contexts[i] = StateCodec.write(in.context().variables());
            Instant start = in.context().startAt() == null ? now : in.context().startAt();
            wakes[i] = in.heldOut() ? null : start.toString();
            reasons[i] = in.reason();
            exits[i] = in.heldOut() ? now.toString() : null;
            exitReasons[i] = in.heldOut() ? "holdout" : null;
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            int i = 0;
            st.setString(++i, flow.id());
            st.setString(++i, flow.version());
            Jdbc.setInstant(st, ++i, now);
            Jdbc.setInstant(st, ++i, now);
            st.setObject(++i, approvalId, java.sql.Types.BIGINT);
            st.setArray(++i, c.createArrayOf("bigint", customers));
            st.setArray(++i, c.createArrayOf("text", statuses));
            st.setArray(++i, c.createArrayOf("text", contexts));
            st.setArray(++i, c.createArrayOf("text", wakes));
            st.setArray(++i, c.createArrayOf("text", reasons));
            st.setArray(++i, c.createArrayOf("text", exits));
            st.setArray(++i, c.createArrayOf("text", exitReasons));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return ids;
    }

    static void log(Connection c, String flowId, Instant now, List<Long> customerIds, List<EntryOutcome> outcomes)
            throws SQLException {
        if (customerIds.isEmpty()) {
            return;
        }
        int n = customerIds.size();
        String[] labels = new String[n];
        String[] details = new String[n];
        Long[] enrollmentIds = new Long[n];
        for (int i = 0; i < n; i++) {
            EntryOutcome outcome = outcomes.get(i);
            labels[i] = outcome.label();
            details[i] = outcome instanceof EntryOutcome.Refused r ? r.detail() : null;
            enrollmentIds[i] = outcome instanceof EntryOutcome.Entered e
                    ? Long.valueOf(e.enrollmentId())
                    : outcome instanceof EntryOutcome.HeldOut h ? Long.valueOf(h.enrollmentId()) : null;
        }
        try (PreparedStatement st = c.prepareStatement(LOG)) {
            st.setString(1, flowId);
            Jdbc.setInstant(st, 2, now);
            st.setArray(3, c.createArrayOf("bigint", customerIds.toArray()));
            st.setArray(4, c.createArrayOf("text", labels));
            st.setArray(5, c.createArrayOf("text", details));
            st.setArray(6, c.createArrayOf("bigint", enrollmentIds));
            st.executeUpdate();
        }
    }
}
