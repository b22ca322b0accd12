package io.comeback.web.dashboard;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.money.ExchangeRates;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One customer's history, newest first: orders, outbound texts (with status), replies, consent changes, and
 * enrollments entered and left. Each source is read through its (customer, time) index and cut at {@code limit}
 * rows, so a customer with years of history costs the same as a new one.
 */
@ApplicationScoped
public class CustomerTimeline {

    public enum Kind {
        ORDER,
        MESSAGE,
        REPLY,
        CONSENT,
        ENTERED,
        EXITED
    }

    public record Item(Instant at, Kind kind, String title, String detail, String status) {}

    private final AgroalDataSource dataSource;
    private final FlowNames names;
    private final ExchangeRates rates;

    public CustomerTimeline(AgroalDataSource dataSource, FlowNames names, ExchangeRates rates) {
        this.dataSource = dataSource;
        this.names = names;
        this.rates = rates;
    }

    public List<Item> of(long customerId, int limit) {
        List<Item> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            read(c, """
                    SELECT placed_at, order_id, order_amount - order_refunded, currency, coupon_code, total FROM orders
                    WHERE customer_id = ? ORDER BY placed_at DESC LIMIT ?""", customerId, limit, rs -> {
                String coupon = rs.getString(5) == null ? "" : " · coupon " + rs.getString(5);
                // The order's own amount, and what it counts in the reporting currency when that is another.
                String counted = rs.getString(4).equals(rates.currency())
                        ? ""
                        : " (" + Formats.amount(rs.getBigDecimal(6), rates.currency()) + ")";
                items.add(new Item(
                        Jdbc.getInstant(rs, 1),
                        Kind.ORDER,
                        "Order " + rs.getString(2),
                        Formats.amount(rs.getBigDecimal(3), rs.getString(4)) + counted + coupon,
                        null));
            });
            read(c, """
                    SELECT created_at, flow_id, step_id, body, status, status_reason, error_code, sent_by
                    FROM outbound_messages
                    WHERE customer_id = ? ORDER BY id DESC LIMIT ?""", customerId, limit, rs -> {
                String source = rs.getString(8) != null
                        ? "Reply by " + rs.getString(8)
                        : rs.getString(2) == null
                                ? "Text"
                                : "Text from flow " + names.of(rs.getString(2)) + " (" + rs.getString(3) + ")";
                String reason = rs.getString(6) == null ? "" : " – " + rs.getString(6);
                String error = rs.getString(7) == null ? "" : " (error " + rs.getString(7) + ")";
                items.add(new Item(
                        Jdbc.getInstant(rs, 1),
                        Kind.MESSAGE,
                        source,
                        rs.getString(4),
                        rs.getString(5) + reason + error));
            });
            read(c, """
                    SELECT i.received_at, i.body, i.routed_to, COALESCE(i.flow_id, e.flow_id), i.handled_at
                    FROM inbound_messages i LEFT JOIN enrollments e ON e.id = i.enrollment_id
                    WHERE i.customer_id = ? ORDER BY i.received_at DESC LIMIT ?""", customerId, limit, rs -> {
                String route = "inbox".equals(rs.getString(3))
                        ? (rs.getTimestamp(5) == null ? "in the inbox, open" : "in the inbox, handled")
                        : rs.getString(4) != null ? "answer to flow " + names.of(rs.getString(4)) : rs.getString(3);
                items.add(new Item(Jdbc.getInstant(rs, 1), Kind.REPLY, "Reply", rs.getString(2), route));
            });
            read(c, """
                    SELECT at, change, status, source, keyword FROM consent_events
                    WHERE customer_id = ? ORDER BY at DESC LIMIT ?""", customerId, limit, rs -> {
                String how = (rs.getString(4) == null ? "" : "source " + rs.getString(4))
                        + (rs.getString(5) == null ? "" : " · keyword " + rs.getString(5));
                items.add(new Item(
                        Jdbc.getInstant(rs, 1),
                        Kind.CONSENT,
                        "Consent " + rs.getString(2).replace('_', '-'),
                        how,
                        words(rs.getString(3))));
            });
            read(c, """
                    SELECT entered_at, flow_id, entry_reason, exited_at, exit_reason, coalesce(exit_label, failure), conversion,
                           status
                    FROM enrollments WHERE customer_id = ? ORDER BY entered_at DESC LIMIT ?""", customerId, limit, rs -> {
                String flow = names.of(rs.getString(2));
                items.add(new Item(
                        Jdbc.getInstant(rs, 1),
                        Kind.ENTERED,
                        "Entered flow " + flow,
                        rs.getString(3) == null ? "" : words(rs.getString(3)),
                        null));
                Instant exited = Jdbc.getInstant(rs, 4);
                if (exited != null) {
                    String why = rs.getString(5) == null ? "" : words(rs.getString(5));
                    // The goal's label repeats the reason when the flow gave it none of its own.
                    String label = rs.getString(6) == null || rs.getString(6).equals(rs.getString(5))
                            ? ""
                            : " (" + words(rs.getString(6)) + ")";
                    items.add(new Item(
                            exited,
                            Kind.EXITED,
                            "Left flow " + flow,
                            why + label,
                            rs.getBoolean(7) ? "converted" : null));
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the timeline of customer " + customerId, e);
        }
        items.sort(Comparator.comparing(Item::at).reversed());
        return items.size() > limit ? List.copyOf(items.subList(0, limit)) : items;
    }

    /** A stored code as words: "goal_reached" as "goal reached". */
    private static String words(String code) {
        return code == null ? null : code.replace('_', ' ');
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void read(Connection c, String sql, long customerId, int limit, RowReader reader)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, customerId);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }
}
