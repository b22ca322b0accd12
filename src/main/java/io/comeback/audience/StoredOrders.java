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
            "id, order_id, customer_id, status, total, refunded_total, currency, placed_at, coupon_code, items::text, "
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
            items = json.readValue(rs.getString(10), ITEMS);
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
                Jdbc.getInstant(rs, 8),
                rs.getString(9),
                items,
                Jdbc.getInstant(rs, 11),
                Jdbc.getInstant(rs, 12),
                Jdbc.getInstant(rs, 13),
                rs.getBoolean(14),
                rs.getBoolean(15));
    }
}
