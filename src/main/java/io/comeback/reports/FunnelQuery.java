package io.comeback.reports;

import io.comeback.support.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * A flow's funnel over [from, to); README "Reports" says what each count means, and "How a flow report stays
 * fast" how: day counters ({@link FlowCountsQuery}), the attribution tables ({@link TouchQuery}) and the
 * flow's replies, each read through an index range of the period.
 */
final class FunnelQuery {

    // Inbound texts of F: replies to its enrollments and keywords that started it (migration V90).
    private static final String REPLIED = """
            SELECT count(DISTINCT customer_id) FROM flow_replies WHERE flow_id = ? AND received_at >= ? AND received_at < ?
            """;
    private static final String REDEMPTIONS = """
            SELECT count(*), coalesce(sum(total), 0) FROM coupon_redemptions WHERE flow_id = ? AND placed_at >= ? AND placed_at < ?
            """;

    private FunnelQuery() {}

    static Funnel run(Connection c, String flowId, Instant from, Instant to, Duration window, FlowCounts counts)
            throws SQLException {
        long replied;
        try (PreparedStatement st = c.prepareStatement(REPLIED)) {
            st.setString(1, flowId);
            Jdbc.setInstant(st, 2, from);
            Jdbc.setInstant(st, 3, to);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                replied = rs.getLong(1);
            }
        }
        long redemptions;
        BigDecimal redemptionRevenue;
        try (PreparedStatement st = c.prepareStatement(REDEMPTIONS)) {
            st.setString(1, flowId);
            Jdbc.setInstant(st, 2, from);
            Jdbc.setInstant(st, 3, to);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                redemptions = rs.getLong(1);
                redemptionRevenue = rs.getBigDecimal(2);
            }
        }
        Touches touches = ReportFacts.cover(window)
                ? TouchQuery.run(c, flowId, from, to, window)
                : ScannedAttribution.run(c, flowId, from, to, window);
        return new Funnel(
                counts.treated() + counts.heldOut(),
                counts.treated(),
                counts.heldOut(),
                counts.sent(),
                counts.delivered(),
                counts.failed(),
                counts.failedByError(),
                replied,
                touches.clicked(),
                touches.optedOut(),
                counts.converted(),
                touches.attributedOrders(),
                touches.attributedRevenue(),
                redemptions,
                redemptionRevenue);
    }
}
