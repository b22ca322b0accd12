package io.comeback.messaging;

import io.comeback.support.SqlArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes outbound rows, a whole batch in one statement, in the caller's transaction (the one that
 * also advances the enrollments). The unique (enrollment, send key) index makes a replayed batch —
 * after a crash, or a second worker — a no-op instead of a second text.
 */
public final class OutboundLedger {

    private static final String INSERT = """
            INSERT INTO outbound_messages (enrollment_id, send_key, customer_id, flow_id, flow_version, step_id, to_phone,
                body, kind, locale, segments, encoding, coupon_code, status, status_reason, error_code, not_before, created_at,
                valid_until, quiet_hours, time_zone, status_at)
            SELECT u.*, u.created_at FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS bigint[]),
                CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                CAST(? AS text[]), CAST(? AS text[]), CAST(? AS integer[]), CAST(? AS text[]), CAST(? AS text[]),
                CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(CAST(? AS text[]) AS timestamptz[]),
                CAST(CAST(? AS text[]) AS timestamptz[]), CAST(CAST(? AS text[]) AS timestamptz[]), CAST(? AS text[]),
                CAST(? AS text[]))
                AS u(enrollment_id, send_key, customer_id, flow_id, flow_version, step_id, to_phone, body, kind, locale,
                     segments, encoding, coupon_code, status, status_reason, error_code, not_before, created_at,
                     valid_until, quiet_hours, time_zone)
            ON CONFLICT (enrollment_id, send_key) WHERE enrollment_id IS NOT NULL DO NOTHING
            RETURNING id, status = 'pending' AND not_before <= created_at
            """;

    private OutboundLedger() {}

    /**
     * What a batch insert wrote.
     * @param inserted rows actually inserted (a replayed send key is skipped)
     * @param dueNow   the ids of those that may leave at once, to hand to the dispatcher after the commit
     */
    public record Inserted(int inserted, List<Long> dueNow) {
        static final Inserted NONE = new Inserted(0, List.of());
    }

    public static Inserted insert(Connection c, List<LedgerRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return Inserted.NONE;
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            int i = 0;
            st.setArray(++i, SqlArrays.longs(c, rows, LedgerRow::enrollmentId));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::sendKey));
            st.setArray(++i, SqlArrays.longs(c, rows, LedgerRow::customerId));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::flowId));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::flowVersion));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::stepId));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::to));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::body));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::kind));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::locale));
            st.setArray(++i, SqlArrays.ints(c, rows, LedgerRow::segments));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::encoding));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::couponCode));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::status));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::statusReason));
            st.setArray(++i, SqlArrays.texts(c, rows, LedgerRow::errorCode));
            st.setArray(++i, SqlArrays.instants(c, rows, LedgerRow::notBefore));
            st.setArray(++i, SqlArrays.instants(c, rows, LedgerRow::createdAt));
            st.setArray(
                    ++i,
                    SqlArrays.instants(
                            c, rows, r -> r.window() == null ? null : r.window().validUntil()));
            st.setArray(
                    ++i,
                    SqlArrays.texts(
                            c, rows, r -> r.window() == null ? null : r.window().quietHoursText()));
            st.setArray(
                    ++i,
                    SqlArrays.texts(
                            c,
                            rows,
                            r -> r.window() == null ? null : r.window().zone().getId()));
            int inserted = 0;
            List<Long> dueNow = new ArrayList<>(rows.size());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    inserted++;
                    if (rs.getBoolean(2)) {
                        dueNow.add(rs.getLong(1));
                    }
                }
            }
            return new Inserted(inserted, dueNow);
        }
    }
}
