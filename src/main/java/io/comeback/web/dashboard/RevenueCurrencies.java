package io.comeback.web.dashboard;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The currency a flow's revenue is in, so money is never shown without it: the currencies of the orders its
 * customers placed since it started, or, before any, the one most of the shop's recent orders are in.
 */
@ApplicationScoped
public class RevenueCurrencies {

    private static final String OF_FLOW = """
            SELECT DISTINCT o.currency FROM orders o
            WHERE o.placed_at >= ? AND o.customer_id IN (SELECT e.customer_id FROM enrollments e WHERE e.flow_id = ?)
            ORDER BY 1 LIMIT 4""";
    private static final String OF_SHOP = """
            SELECT currency FROM (SELECT currency FROM orders LIMIT 1000) recent
            GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1""";

    private final AgroalDataSource dataSource;

    public RevenueCurrencies(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** e.g. {@code NOK}, {@code NOK + SEK} for mixed orders, or empty when the shop has no orders yet. */
    public String of(String flowId, Instant since) {
        try (Connection c = dataSource.getConnection()) {
            List<String> found = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(OF_FLOW)) {
                st.setTimestamp(1, Timestamp.from(since));
                st.setString(2, flowId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
            if (!found.isEmpty()) {
                return String.join(" + ", found);
            }
            try (PreparedStatement st = c.prepareStatement(OF_SHOP);
                    ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the currency of " + flowId, e);
        }
    }
}
