package io.comeback.reports;

import io.comeback.messaging.LedgerStatus;
import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * Treated, held out, converted, sent, delivered and failed over [from, to): the whole UTC days inside the
 * period from the day counters (flow_day_counts plus the deltas not folded yet, migration V90), the partial
 * days at its edges from the raw rows. So a period of any length reads at most two days of raw rows.
 */
final class FlowCountsQuery {

    private static final String DAYS = """
            SELECT coalesce(sum(entered), 0), coalesce(sum(held_out), 0), coalesce(sum(converted), 0),
                   coalesce(sum(sent), 0), coalesce(sum(delivered), 0)
            FROM (SELECT entered, held_out, converted, sent, delivered FROM flow_day_counts
                  WHERE flow_id = ? AND day >= ? AND day < ?
                  UNION ALL
                  SELECT entered, held_out, converted, sent, delivered FROM flow_count_deltas
                  WHERE flow_id = ? AND day >= ? AND day < ?) d
            """;
    private static final String DAY_FAILURES = """
            SELECT error_code, sum(failed) FROM (
                SELECT error_code, failed FROM flow_day_failures WHERE flow_id = ? AND day >= ? AND day < ?
                UNION ALL
                SELECT error_code, failed FROM flow_count_deltas
                WHERE flow_id = ? AND day >= ? AND day < ? AND error_code IS NOT NULL) f
            GROUP BY error_code
            """;
    // Treated, held out, treated converted: as the counters count them (V90, V170). A rejected entry is neither.
    private static final String RAW_ENROLLMENTS = """
            SELECT count(*) FILTER (WHERE status NOT IN ('held_out', 'rejected')), count(*) FILTER (WHERE status = 'held_out'),
                   count(*) FILTER (WHERE status NOT IN ('held_out', 'rejected') AND conversion)
            FROM enrollments WHERE flow_id = ? AND entered_at >= ? AND entered_at < ?
            """;
    // Statuses that reached the provider, and refused (the provider said no at once).
    private static final String RAW_MESSAGES = """
            SELECT status, coalesce(error_code, 'none'), count(*) FROM outbound_messages
            WHERE created_at >= ? AND created_at < ? AND flow_id = ?
              AND status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'refused')
            GROUP BY 1, 2
            """;

    private FlowCountsQuery() {}

    static FlowCounts run(Connection c, String flowId, Instant from, Instant to) throws SQLException {
        LocalDate firstDay = from.atZone(ZoneOffset.UTC).toLocalDate();
        if (firstDay.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(from)) {
            firstDay = firstDay.plusDays(1);
        }
        LocalDate endDay = to.atZone(ZoneOffset.UTC).toLocalDate();
        if (!firstDay.isBefore(endDay)) {
            return raw(c, flowId, from, to);
        }
        Instant daysFrom = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant daysTo = endDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        FlowCounts counts = days(c, flowId, firstDay, endDay);
        if (from.isBefore(daysFrom)) {
            counts = counts.plus(raw(c, flowId, from, daysFrom));
        }
        if (daysTo.isBefore(to)) {
            counts = counts.plus(raw(c, flowId, daysTo, to));
        }
        return counts;
    }

    /** Whole days [first, end). */
    private static FlowCounts days(Connection c, String flowId, LocalDate first, LocalDate end) throws SQLException {
        long[] n = new long[5];
        try (PreparedStatement st = c.prepareStatement(DAYS)) {
            bindDays(st, flowId, first, end);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                for (int i = 0; i < n.length; i++) {
                    n[i] = rs.getLong(i + 1);
                }
            }
        }
        Map<String, Long> errors = new TreeMap<>();
        long failed = 0;
        try (PreparedStatement st = c.prepareStatement(DAY_FAILURES)) {
            bindDays(st, flowId, first, end);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long count = rs.getLong(2);
                    if (count != 0) {
                        errors.put(rs.getString(1), count);
                        failed += count;
                    }
                }
            }
        }
        return new FlowCounts(n[0], n[1], n[2], n[3], n[4], failed, errors);
    }

    private static void bindDays(PreparedStatement st, String flowId, LocalDate first, LocalDate end)
            throws SQLException {
        for (int part = 0; part < 2; part++) {
            st.setString(part * 3 + 1, flowId);
            st.setDate(part * 3 + 2, Date.valueOf(first));
            st.setDate(part * 3 + 3, Date.valueOf(end));
        }
    }

    /** [from, to) from the enrollments and ledger rows themselves. */
    static FlowCounts raw(Connection c, String flowId, Instant from, Instant to) throws SQLException {
        long treated;
        long heldOut;
        long converted;
        try (PreparedStatement st = c.prepareStatement(RAW_ENROLLMENTS)) {
            st.setString(1, flowId);
            Jdbc.setInstant(st, 2, from);
            Jdbc.setInstant(st, 3, to);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                treated = rs.getLong(1);
                heldOut = rs.getLong(2);
                converted = rs.getLong(3);
            }
        }
        long sent = 0;
        long delivered = 0;
        long failed = 0;
        Map<String, Long> failedByError = new TreeMap<>();
        try (PreparedStatement st = c.prepareStatement(RAW_MESSAGES)) {
            Jdbc.setInstant(st, 1, from);
            Jdbc.setInstant(st, 2, to);
            st.setString(3, flowId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    LedgerStatus status = LedgerStatus.fromWire(rs.getString(1)).orElse(null);
                    long count = rs.getLong(3);
                    if (status != LedgerStatus.REFUSED) {
                        sent += count;
                    }
                    if (status == LedgerStatus.DELIVERED) {
                        delivered += count;
                    } else if (status == LedgerStatus.UNDELIVERED
                            || status == LedgerStatus.FAILED
                            || status == LedgerStatus.REFUSED) {
                        failed += count;
                        failedByError.merge(rs.getString(2), count, Long::sum);
                    }
                }
            }
        }
        return new FlowCounts(treated, heldOut, converted, sent, delivered, failed, failedByError);
    }
}
