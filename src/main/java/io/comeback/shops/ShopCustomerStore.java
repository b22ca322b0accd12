package io.comeback.shops;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The statements {@link ShopCustomers} runs on one shop customer: the link from the shop's id to the Comeback
 * customer ({@code shop_customer_links}), the look-up by e-mail and the updates of contact details. Apart so that
 * {@link ShopCustomers} reads as the order of the ways a person is found, and the SQL changes here alone.
 */
final class ShopCustomerStore {

    private static final String LINK = """
            SELECT l.customer_id, l.shop_updated_at FROM shop_customer_links l
            JOIN customers c ON c.id = l.customer_id AND c.erased_at IS NULL
            WHERE l.platform = ? AND l.shop_customer_id = ?""";
    private static final String REMEMBER = """
            INSERT INTO shop_customer_links (platform, shop_customer_id, customer_id, shop_updated_at)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (platform, shop_customer_id) DO UPDATE SET customer_id = excluded.customer_id,
                shop_updated_at = CASE WHEN shop_customer_links.customer_id = excluded.customer_id
                                       THEN greatest(shop_customer_links.shop_updated_at, excluded.shop_updated_at)
                                       ELSE excluded.shop_updated_at END""";
    private static final String BY_EMAIL = """
            SELECT id FROM customers WHERE lower(email) = lower(?) AND erased_at IS NULL ORDER BY id LIMIT 1""";
    private static final String UPDATE = """
            UPDATE customers SET first_name = coalesce(?, first_name), last_name = coalesce(?, last_name),
                email = coalesce(?, email), updated_at = now()
            WHERE id = ? AND erased_at IS NULL""";
    // A number is taken only when no other living customer has it (one person per number); a new number may reach
    // the person again, so an unreachable mark of the old one goes.
    private static final String NEW_PHONE = """
            UPDATE customers c SET phone = ?, unreachable_since = NULL, unreachable_reason = NULL, updated_at = now()
            WHERE c.id = ? AND c.erased_at IS NULL AND c.phone IS DISTINCT FROM ?
              AND NOT EXISTS (SELECT 1 FROM customers o WHERE o.phone = ? AND o.id <> c.id AND o.erased_at IS NULL)""";

    /** A living customer linked to a shop's id, and when the shop last changed the record applied to them. */
    record Link(long customerId, Instant appliedAt) {}

    private ShopCustomerStore() {}

    static Optional<Link> link(Connection c, ShopPlatform platform, String shopId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(LINK)) {
            st.setString(1, platform.wire());
            st.setString(2, shopId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Link(rs.getLong(1), Jdbc.getInstant(rs, 2))) : Optional.empty();
            }
        }
    }

    /** Links the shop's id to the customer; the time applied only moves forward while the link stays. */
    static void remember(Connection c, ShopPlatform platform, String shopId, long id, Instant updatedAt)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(REMEMBER)) {
            st.setString(1, platform.wire());
            st.setString(2, shopId);
            st.setLong(3, id);
            Jdbc.setInstant(st, 4, updatedAt);
            st.executeUpdate();
        }
    }

    /** The oldest living customer with this e-mail, in any case. */
    static Optional<Long> byEmail(Connection c, String email) {
        try (PreparedStatement st = c.prepareStatement(BY_EMAIL)) {
            st.setString(1, email);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look a customer up by e-mail", e);
        }
    }

    /** Sets the names and e-mail given (a null keeps the stored value). */
    static void updateDetails(Connection c, long id, String firstName, String lastName, String email)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(UPDATE)) {
            st.setString(1, firstName);
            st.setString(2, lastName);
            st.setString(3, email);
            st.setLong(4, id);
            st.executeUpdate();
        }
    }

    /** Gives the customer this number unless another living customer has it; true when it changed. */
    static boolean takePhone(Connection c, long id, String phone) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(NEW_PHONE)) {
            st.setString(1, phone);
            st.setLong(2, id);
            st.setString(3, phone);
            st.setString(4, phone);
            return st.executeUpdate() > 0;
        }
    }
}
