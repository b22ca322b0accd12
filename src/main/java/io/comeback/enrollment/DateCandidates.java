package io.comeback.enrollment;

import io.comeback.engine.model.DateField;
import io.comeback.engine.model.Trigger;
import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;

/**
 * The customers whose date may come round for a {@code date} flow in a pass's window, looked up by the
 * month and day of their date (migration V160's key functions and indexes) rather than by reading every
 * customer: only the keys of the few days the window can fall on in any zone. A superset: the pass parses
 * each value and works out the exact moment in the customer's zone ({@code DateTriggerTimes}).
 */
final class DateCandidates {

    /** One customer: the zone, the date as stored (text, or the first order instant), the last occurrence matched. */
    record Row(long customerId, String zone, String value, Instant firstOrderAt, LocalDate lastOccurrence) {}

    interface RowHandler {
        void accept(Row row) throws SQLException;
    }

    /** Zones are at most 14 hours from UTC: a local day is within a day of the UTC day. */
    private static final int ZONE_DAYS = 1;

    private DateCandidates() {}

    /**
     * Streams the candidates of a pass whose window is {@code (from, to]} to {@code handler}; {@code connection}
     * must not be in auto-commit mode (PostgreSQL then sends the rows in chunks).
     */
    static void stream(
            Connection connection,
            String flowId,
            Trigger.DateTrigger trigger,
            Instant from,
            Instant to,
            RowHandler handler)
            throws SQLException {
        LocalDate firstDay = from.atZone(ZoneOffset.UTC).toLocalDate().minusDays(ZONE_DAYS);
        LocalDate lastDay = to.atZone(ZoneOffset.UTC).toLocalDate().plusDays(ZONE_DAYS);
        boolean firstOrder = trigger.field().kind() == DateField.Kind.FIRST_ORDER;
        // The first order's key is its UTC day, which is a day either side of its day in the customer's zone.
        Set<Integer> keys = keys(
                trigger, firstOrder ? firstDay.minusDays(1) : firstDay, firstOrder ? lastDay.plusDays(1) : lastDay);
        String sql = """
                SELECT c.id, c.time_zone, %s, %s, m.last_occurrence
                FROM customers c
                LEFT JOIN date_trigger_matches m ON m.flow_id = ? AND m.customer_id = c.id
                WHERE c.erased_at IS NULL AND %s AND %s = ANY (?)
                  AND (m.last_occurrence IS NULL OR m.last_occurrence < ?)
                """.formatted(
                        valueColumn(trigger.field()),
                        firstOrder ? "c.first_order_at" : "CAST(NULL AS timestamptz)",
                        present(trigger.field()),
                        key(trigger.field()));
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, flowId);
            st.setArray(2, connection.createArrayOf("integer", keys.toArray()));
            // An occurrence in the window is on lastDay at the latest; one already matched that late or later leaves
            // nothing.
            st.setObject(3, lastDay);
            st.setFetchSize(5_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    java.sql.Date last = rs.getDate(5);
                    handler.accept(new Row(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            Jdbc.getInstant(rs, 4),
                            last == null ? null : last.toLocalDate()));
                }
            }
        }
    }

    /**
     * The month-day keys of the stored dates that come round on a day in {@code [firstDay, lastDay]}: each day
     * moved back by the offset; a 28 February outside leap years is also the day of those born on 29 February.
     */
    static Set<Integer> keys(Trigger.DateTrigger trigger, LocalDate firstDay, LocalDate lastDay) {
        Set<Integer> keys = new TreeSet<>();
        for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
            LocalDate stored = day.minusDays(trigger.offsetDays());
            keys.add(stored.getMonthValue() * 100 + stored.getDayOfMonth());
            if (stored.getMonthValue() == 2 && stored.getDayOfMonth() == 28 && !stored.isLeapYear()) {
                keys.add(229);
            }
        }
        return keys;
    }

    /** The expressions of V160's indexes, written the same so PostgreSQL uses them. */
    private static String key(DateField field) {
        if (field.kind() == DateField.Kind.FIRST_ORDER) {
            return "comeback_day_key((c.first_order_at AT TIME ZONE 'UTC')::DATE)";
        }
        if (field.attribute().equals(DateField.BIRTHDAY)) {
            return "COALESCE(comeback_day_key(c.birthday), comeback_date_text_key(c.attributes ->> 'birthday'))";
        }
        return "comeback_date_text_key(c.attributes ->> " + literal(field.attribute()) + ")";
    }

    private static String present(DateField field) {
        if (field.kind() == DateField.Kind.FIRST_ORDER) {
            return "c.first_order_at IS NOT NULL";
        }
        if (field.attribute().equals(DateField.BIRTHDAY)) {
            return "(c.birthday IS NOT NULL OR c.attributes ->> 'birthday' IS NOT NULL)";
        }
        return "c.attributes ->> " + literal(field.attribute()) + " IS NOT NULL";
    }

    /** The date as text, as flows read it (the birthday field first, as {@code CustomerViews} shows it). */
    private static String valueColumn(DateField field) {
        if (field.kind() == DateField.Kind.FIRST_ORDER) {
            return "CAST(NULL AS text)";
        }
        if (field.attribute().equals(DateField.BIRTHDAY)) {
            return "COALESCE(to_char(c.birthday, 'YYYY-MM-DD'), c.attributes ->> 'birthday')";
        }
        return "c.attributes ->> " + literal(field.attribute());
    }

    /** An attribute name from a flow file as an SQL string literal, quotes doubled. */
    private static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An attribute name cannot contain a NUL character");
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
