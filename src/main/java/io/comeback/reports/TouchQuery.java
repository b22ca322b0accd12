package io.comeback.reports;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Clicked, attributed orders and revenue, and opted out from the attribution tables of migration V90. Each
 * click and order keeps its last touch and the shortest window that reaches it ({@code span}), so "F's,
 * within F's window" is {@code flow_id = F AND span <= W}: an index range of the period, whatever the window.
 */
final class TouchQuery {

    private static final String CLICKED = """
            SELECT count(*) FROM click_attributions
            WHERE flow_id = ? AND at >= ? AND at < ? AND span <= make_interval(secs => CAST(? AS double precision))
            """;
    private static final String ATTRIBUTED = """
            SELECT count(*), coalesce(sum(total), 0) FROM order_attributions
            WHERE flow_id = ? AND placed_at >= ? AND placed_at < ? AND span <= make_interval(secs => CAST(? AS double precision))
            """;
    // From the opt-outs of the period (few), each checked against the person's texts of F within the window
    // before it; and F's enrollments that ended because the person opted out. Each person once.
    private static final String OPTED_OUT = """
            SELECT count(*) FROM (
                SELECT ce.customer_id FROM consent_events ce
                WHERE ce.change = 'opt_out' AND ce.at >= ? AND ce.at < ? AND ce.customer_id IS NOT NULL
                  AND EXISTS (SELECT 1 FROM outbound_messages m
                              WHERE m.customer_id = ce.customer_id AND m.flow_id = ? AND m.status = 'delivered'
                                AND m.status_at <= ce.at AND m.status_at >= ce.at - make_interval(secs => CAST(? AS double precision)))
                UNION
                SELECT customer_id FROM enrollments
                WHERE flow_id = ? AND exit_reason = 'opted_out' AND exited_at >= ? AND exited_at < ?) x
            """;

    private TouchQuery() {}

    static Touches run(Connection c, String flowId, Instant from, Instant to, Duration window) throws SQLException {
        double seconds = window.toSeconds();
        long clicked;
        try (PreparedStatement st = c.prepareStatement(CLICKED)) {
            bind(st, flowId, from, to, seconds);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                clicked = rs.getLong(1);
            }
        }
        long orders;
        java.math.BigDecimal revenue;
        try (PreparedStatement st = c.prepareStatement(ATTRIBUTED)) {
            bind(st, flowId, from, to, seconds);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                orders = rs.getLong(1);
                revenue = rs.getBigDecimal(2);
            }
        }
        try (PreparedStatement st = c.prepareStatement(OPTED_OUT)) {
            Jdbc.setInstant(st, 1, from);
            Jdbc.setInstant(st, 2, to);
            st.setString(3, flowId);
            st.setDouble(4, seconds);
            st.setString(5, flowId);
            Jdbc.setInstant(st, 6, from);
            Jdbc.setInstant(st, 7, to);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Touches(clicked, orders, revenue, rs.getLong(1));
            }
        }
    }

    private static void bind(PreparedStatement st, String flowId, Instant from, Instant to, double seconds)
            throws SQLException {
        st.setString(1, flowId);
        Jdbc.setInstant(st, 2, from);
        Jdbc.setInstant(st, 3, to);
        st.setDouble(4, seconds);
    }
}
