package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What the tests read back of stored deliveries. */
final class ShopWebhookRows {

    /** One stored delivery. */
    record Row(long id, String status, int attempts, String outcome, String lastError, boolean hasBody) {}

    private ShopWebhookRows() {}

    static List<Row> byKey(AgroalDataSource dataSource, String platform, String deliveryKeyPrefix) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        SELECT id, status, attempts, outcome, last_error, body IS NOT NULL FROM shop_webhooks
                        WHERE platform = ? AND delivery_key LIKE ? ORDER BY id""")) {
            st.setString(1, platform);
            st.setString(2, deliveryKeyPrefix + "%");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getBoolean(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    static List<Row> shopify(AgroalDataSource dataSource, String webhookId) {
        return byKey(dataSource, "shopify", webhookId);
    }
}
