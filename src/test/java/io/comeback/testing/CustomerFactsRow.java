package io.comeback.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A customer's order facts as one comparable row, for tests that check two ways of folding agree. */
public final class CustomerFactsRow {

    private static final String FACTS = """
            SELECT orders_count, first_order_at::text, last_order_at::text, total_spent::text,
                   recent_order_times::text, median_gap_seconds
            FROM customers WHERE""";

    private CustomerFactsRow() {}

    public static List<Object> byId(Connection c, long id) throws SQLException {
        return read(c, FACTS + " id = ?", id);
    }

    public static List<Object> byExternalId(Connection c, String externalId) throws SQLException {
        return read(c, FACTS + " external_id = ?", externalId);
    }

    private static List<Object> read(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, key);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                return row;
            }
        }
    }
}
