package io.comeback.messaging;

import io.comeback.engine.time.QuietHours;
import io.comeback.support.Jdbc;
import io.comeback.support.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Texts written but held back before they may leave: {@code held} (their flow was paused when the dispatcher
 * met them) and {@code awaiting_approval} (their enrollment waits for an approval). Released, each goes back to
 * {@code pending} once, judged again by the compliance gate at the moment of release ({@link ComplianceGate#recheck}:
 * consent, quiet hours, caps as they are now), and then leaves through the dispatcher's pacing like any text.
 * A text whose enrollment reached the flow's goal while it was held, or that the gate now refuses, is blocked with
 * the reason instead. Rejected texts are blocked with reason {@code rejected}: never sent.
 */
@ApplicationScoped
public class HeldTexts {

    /** The reason a rejected approval's texts are blocked with. */
    public static final String REJECTED = "rejected";

    static final String GOAL_REACHED = "goal_reached: the customer reached the flow's goal while the text was held";
    /** Texts judged per round: each round is one history read and one write. */
    private static final int CHUNK = 1000;

    // Locked in id order (no two releases deadlock); the customer's zone and consent as they are now.
    private static final String HELD_OF_FLOW = """
            SELECT m.id, m.enrollment_id, m.customer_id, m.flow_id, m.flow_version, m.to_phone, m.kind, m.not_before,
                   cu.time_zone, cu.consent_status, e.exit_reason
            FROM outbound_messages m
            LEFT JOIN customers cu ON cu.id = m.customer_id
            LEFT JOIN enrollments e ON e.id = m.enrollment_id
            WHERE m.flow_id = ? AND m.status = 'held' AND m.id > ?
            ORDER BY m.id LIMIT ?
            FOR UPDATE OF m
            """;
    private static final String AWAITING_OF_APPROVAL = """
            SELECT m.id, m.enrollment_id, m.customer_id, m.flow_id, m.flow_version, m.to_phone, m.kind, m.not_before,
                   cu.time_zone, cu.consent_status, e.exit_reason
            FROM enrollments e
            JOIN outbound_messages m ON m.enrollment_id = e.id
            LEFT JOIN customers cu ON cu.id = m.customer_id
            WHERE e.approval_id = ? AND m.status = 'awaiting_approval' AND m.id > ?
            ORDER BY m.id LIMIT ?
            FOR UPDATE OF m
            """;
    private static final String RELEASE = """
            UPDATE outbound_messages m SET status = u.status, not_before = u.not_before, valid_until = u.valid_until,
                quiet_hours = u.quiet_hours, time_zone = u.time_zone, status_reason = u.reason, status_at = ?
            FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(CAST(? AS text[]) AS timestamptz[]),
                        CAST(CAST(? AS text[]) AS timestamptz[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                 AS u(id, status, not_before, valid_until, quiet_hours, time_zone, reason)
            WHERE m.id = u.id
            """;
    private static final String REJECT = """
            UPDATE outbound_messages m SET status = 'blocked', status_reason = ?, status_at = ?
            FROM enrollments e
            WHERE e.approval_id = ? AND m.enrollment_id = e.id AND m.status = 'awaiting_approval'
            """;

    /** What a release did: texts back to pending (of them, due at once) and texts blocked. */
    public record Released(int pending, int dueNow, int blocked) {
        public static final Released NONE = new Released(0, 0, 0);

        Released plus(Released o) {
            return new Released(pending + o.pending, dueNow + o.dueNow, blocked + o.blocked);
        }
    }

    private record Row(long id, ComplianceGate.HeldText text, Instant notBefore, String exitReason) {}

    private record Outcome(long id, LedgerStatus status, Instant notBefore, SendWindow window, String reason) {}

    private final ComplianceGate gate;

    public HeldTexts(ComplianceGate gate) {
        this.gate = gate;
    }

    /** Releases the held texts of a resumed flow, in the caller's transaction. */
    public Released releaseFlow(Connection c, String flowId, Instant now) throws SQLException {
        return release(c, HELD_OF_FLOW, st -> st.setString(1, flowId), now);
    }

    /** Releases the texts of an approved approval's enrollments, in the caller's transaction. */
    public Released releaseApproval(Connection c, long approvalId, Instant now) throws SQLException {
        return release(c, AWAITING_OF_APPROVAL, st -> st.setLong(1, approvalId), now);
    }

    /** Blocks the texts of a rejected approval's enrollments (reason {@code rejected}); how many. */
    public int reject(Connection c, long approvalId, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(REJECT)) {
            st.setString(1, REJECTED);
            Jdbc.setInstant(st, 2, now);
            st.setLong(3, approvalId);
            return st.executeUpdate();
        }
    }

    private interface Scope {
        void bind(PreparedStatement st) throws SQLException;
    }

    private Released release(Connection c, String select, Scope scope, Instant now) throws SQLException {
        Released total = Released.NONE;
        long after = 0;
        while (true) {
            List<Row> rows = new ArrayList<>(CHUNK);
            try (PreparedStatement st = c.prepareStatement(select)) {
                scope.bind(st);
                st.setLong(2, after);
                st.setInt(3, CHUNK);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs, now));
                    }
                }
            }
            if (rows.isEmpty()) {
                return total;
            }
            after = rows.get(rows.size() - 1).id();
            total = total.plus(write(c, judge(rows, now), now));
        }
    }

    private static Row row(ResultSet rs, Instant now) throws SQLException {
        Instant notBefore = Jdbc.getInstant(rs, 8);
        ZoneId zone;
        try {
            zone = rs.getString(9) == null ? ZoneId.of("UTC") : ZoneId.of(rs.getString(9));
        } catch (RuntimeException e) {
            zone = ZoneId.of("UTC");
        }
        long enrollmentId = rs.getObject(2) == null ? -1 : rs.getLong(2);
        long customerId = rs.getObject(3) == null ? -1 : rs.getLong(3);
        Instant wanted = notBefore.isAfter(now) ? notBefore : now;
        ComplianceGate.HeldText text = new ComplianceGate.HeldText(
                rs.getLong(1),
                enrollmentId,
                customerId,
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                zone,
                rs.getString(10),
                "marketing".equals(rs.getString(7)),
                wanted);
        return new Row(rs.getLong(1), text, notBefore, rs.getString(11));
    }

    private List<Outcome> judge(List<Row> rows, Instant now) {
        List<Outcome> outcomes = new ArrayList<>(rows.size());
        List<Row> judged = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if ("goal_reached".equals(row.exitReason())) {
                outcomes.add(new Outcome(row.id(), LedgerStatus.BLOCKED, row.notBefore(), null, GOAL_REACHED));
            } else {
                judged.add(row);
            }
        }
        List<SendGate.Verdict> verdicts =
                gate.recheck(judged.stream().map(Row::text).toList(), now);
        for (int i = 0; i < judged.size(); i++) {
            Row row = judged.get(i);
            if (verdicts.get(i) instanceof SendGate.Allow allow) {
                SendWindow window = SendWindow.from(
                        allow.notBefore(), quietHours(row.text()), row.text().zone());
                outcomes.add(new Outcome(row.id(), LedgerStatus.PENDING, allow.notBefore(), window, allow.reason()));
            } else {
                outcomes.add(new Outcome(
                        row.id(),
                        LedgerStatus.BLOCKED,
                        row.notBefore(),
                        null,
                        ((SendGate.Block) verdicts.get(i)).reason()));
            }
        }
        return outcomes;
    }

    private QuietHours quietHours(ComplianceGate.HeldText text) {
        return gate.quietHoursOf(text.flowId(), text.flowVersion());
    }

    private static Released write(Connection c, List<Outcome> outcomes, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(RELEASE)) {
            int i = 0;
            Jdbc.setInstant(st, ++i, now);
            st.setArray(++i, SqlArrays.longs(c, outcomes, Outcome::id));
            st.setArray(++i, SqlArrays.texts(c, outcomes, o -> o.status().wire()));
            st.setArray(++i, SqlArrays.instants(c, outcomes, Outcome::notBefore));
            st.setArray(
                    ++i,
                    SqlArrays.instants(
                            c,
                            outcomes,
                            o -> o.window() == null ? null : o.window().validUntil()));
            st.setArray(
                    ++i,
                    SqlArrays.texts(
                            c,
                            outcomes,
                            o -> o.window() == null ? null : o.window().quietHoursText()));
            st.setArray(
                    ++i,
                    SqlArrays.texts(
                            c,
                            outcomes,
                            o -> o.window() == null ? null : o.window().zone().getId()));
            st.setArray(++i, SqlArrays.texts(c, outcomes, Outcome::reason));
            st.executeUpdate();
        }
        int pending = 0;
        int dueNow = 0;
        for (Outcome o : outcomes) {
            if (o.status() == LedgerStatus.PENDING) {
                pending++;
                if (!o.notBefore().isAfter(now)) {
                    dueNow++;
                }
            }
        }
        return new Released(pending, dueNow, outcomes.size() - pending);
    }
}
