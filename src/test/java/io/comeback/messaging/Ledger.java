package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL helpers for the compliance tests: customers written directly, ledger rows and gateway copies read back. */
final class Ledger {

    private final AgroalDataSource dataSource;

    Ledger(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A customer without the API (so no welcome flow starts for them). */
    long customer(String phone, String zone, String consent) {
        return single("""
                INSERT INTO customers (external_id, phone, time_zone, locale, consent_status, consent_at)
                VALUES (?, ?, ?, 'nb', ?, now()) RETURNING id""", TestData.customerId(), phone, zone, consent);
    }

    /** How many texts the (simulated) provider received for this ledger row. */
    long gatewayCopies(long messageId) {
        return single("SELECT count(*) FROM simulator_messages WHERE ledger_id = ?", messageId);
    }

    String status(long messageId) {
        return text(
                "SELECT status || coalesce(':' || status_reason, '') FROM outbound_messages WHERE id = ?", messageId);
    }

    long single(String sql, Object... params) {
        List<List<Object>> rows = rows(sql, params);
        return ((Number) rows.get(0).get(0)).longValue();
    }

    String text(String sql, Object... params) {
        List<List<Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : (String) rows.get(0).get(0);
    }

    List<List<Object>> rows(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            if (st.execute()) {
                try (ResultSet rs = st.getResultSet()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(n);
                        for (int i = 1; i <= n; i++) {
                            row.add(rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
