package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the code tests read back: a customer's code at the shop, and the welcome text that names it. */
final class ShopCodeRows {

    record Code(String code, String status, int attempts, String error) {}

    record Text(String status, String reason) {}

    private ShopCodeRows() {}

    static Code code(AgroalDataSource dataSource, String externalId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        SELECT k.code, k.shop_status, k.shop_attempts, k.shop_error FROM coupons k
                        JOIN customers cu ON cu.id = k.customer_id WHERE cu.external_id = ?""")) {
            st.setString(1, externalId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new Code(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Text welcome(AgroalDataSource dataSource, String externalId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        SELECT m.status, m.status_reason FROM outbound_messages m
                        JOIN customers cu ON cu.id = m.customer_id
                        WHERE cu.external_id = ? AND m.flow_id = 'welcome' AND m.step_id = 'welcome'""")) {
            st.setString(1, externalId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new Text(rs.getString(1), rs.getString(2)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long redemptions(AgroalDataSource dataSource, String code) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        SELECT count(*) FROM coupon_redemptions r JOIN coupons k ON k.id = r.coupon_id WHERE k.code = ?""")) {
            st.setString(1, code);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
