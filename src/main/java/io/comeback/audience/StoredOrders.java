package io.comeback.audience;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads an order by its id from either table ({@code orders}, {@code orders_not_counted}). */
@ApplicationScoped
public class StoredOrders {

    private static final String COLUMNS =
            "id, order_id, customer_id, status, order_amount, order_refunded, currency, rate, total, refunded_total, "
                    + "placed_at, coupon_code, items::text, "
                    + "created_at, updated_at, shop_updated_at";
    private static final String FIND = "SELECT " + COLUMNS + ", true, true FROM orders WHERE order_id = ? UNION ALL "
            + "SELECT " + COLUMNS + ", false, was_counted FROM orders_not_counted WHERE order_id = ?";

    private static final TypeReference<List<Map<String, Object>>> ITEMS = new TypeReference<>() {};

    private final ObjectMapper json;

    public StoredOrders(ObjectMapper json) {
        this.json = json;
    }

    public Optional<StoredOrder> find(Connection c, String orderId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(FIND)) {
            st.setString(1, orderId);
            st.setString(2, orderId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private StoredOrder read(ResultSet rs) throws SQLException {
        List<Map<String, Object>> items;
        try {
            items = json.readValue(rs.getString(13), ITEMS);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable items of order " + rs.getString(2), e);
        }
        return new StoredOrder(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                OrderStatus.fromWire(rs.getString(4)).orElseThrow(),
                rs.getBigDecimal(5),
                rs.getBigDecimal(6),
                rs.getString(7),
                rs.getBigDecimal(8),
                rs.getBigDecimal(9),
                rs.getBigDecimal(10),
                Jdbc.getInstant(rs, 11),
                rs.getString(12),
                items,
                Jdbc.getInstant(rs, 14),
                Jdbc.getInstant(rs, 15),
                Jdbc.getInstant(rs, 16),
                rs.getBoolean(17),
                rs.getBoolean(18));
    }
}
