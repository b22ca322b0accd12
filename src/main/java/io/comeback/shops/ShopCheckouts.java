package io.comeback.shops;

import io.comeback.audience.Customer;
import io.comeback.audience.EventInput;
import io.comeback.audience.EventService;
import io.comeback.support.AdvisoryLocks;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checkouts that may be abandoned. The first record of a checkout that has not become an order, from a customer
 * Comeback can reach (a number or e-mail to know them by), is announced once as an event {@code checkout_started}
 * with the link back to the cart ({@code url}), its total and currency: the trigger of
 * {@code flows/abandoned-checkout.yaml}, whose goal (an order) ends it. A checkout completed, or whose order is known
 * (an order names its checkout), is never announced, whichever record came first.
 */
@ApplicationScoped
public class ShopCheckouts {

    /** The event type flows start on. */
    public static final String STARTED = "checkout_started";

    private static final AdvisoryLocks.Named LOCK = AdvisoryLocks.SHOP_CHECKOUT;

    private static final String FIND = """
            SELECT announced_at, order_id, completed_at, shop_updated_at FROM shop_checkouts
            WHERE platform = ? AND checkout_key = ?""";
    private static final String UPSERT = """
            INSERT INTO shop_checkouts (platform, checkout_key, customer_id, recovery_url, total, currency, started_at,
                                        shop_updated_at, completed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (platform, checkout_key) DO UPDATE SET
                customer_id = coalesce(excluded.customer_id, shop_checkouts.customer_id),
                recovery_url = coalesce(excluded.recovery_url, shop_checkouts.recovery_url),
                total = coalesce(excluded.total, shop_checkouts.total),
                currency = coalesce(excluded.currency, shop_checkouts.currency),
                started_at = coalesce(shop_checkouts.started_at, excluded.started_at),
                shop_updated_at = greatest(shop_checkouts.shop_updated_at, excluded.shop_updated_at),
                completed_at = coalesce(shop_checkouts.completed_at, excluded.completed_at)""";
    private static final String ANNOUNCED = """
            UPDATE shop_checkouts SET announced_at = ? WHERE platform = ? AND checkout_key = ?""";
    private static final String ORDERED = """
            INSERT INTO shop_checkouts (platform, checkout_key, order_id, completed_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (platform, checkout_key) DO UPDATE SET order_id = excluded.order_id,
                completed_at = coalesce(shop_checkouts.completed_at, excluded.completed_at)""";

    private final ShopCustomers customers;
    private final EventService events;
    private final Clock clock;

    public ShopCheckouts(ShopCustomers customers, EventService events, Clock clock) {
        this.customers = customers;
        this.events = events;
        this.clock = clock;
    }

    public ShopEventApplier.Outcome apply(Connection c, ShopPlatform platform, ShopCheckout checkout)
            throws SQLException {
        // The customer first, then the checkout: the order of an order delivery (customer, order, its checkout), so
        // the two never wait on each other in a circle.
        Optional<ShopCustomers.Resolved> customer = customers.resolve(platform, checkout.customer());
        Long customerId = customer.map(ShopCustomers.Resolved::customerId).orElse(null);
        LOCK.transactionLock(c, platform.wire() + ":" + checkout.checkoutKey());
        boolean announced = false;
        boolean ordered = false;
        try (PreparedStatement st = c.prepareStatement(FIND)) {
            st.setString(1, platform.wire());
            st.setString(2, checkout.checkoutKey());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    announced = rs.getObject(1) != null;
                    ordered = rs.getString(2) != null || rs.getObject(3) != null;
                }
            }
        }
        store(c, platform, checkout, customerId);
        if (ordered || checkout.completedAt() != null) {
            return new ShopEventApplier.Outcome("nothing: the checkout became an order", customerId);
        }
        if (announced) {
            return new ShopEventApplier.Outcome("checkout updated (announced before)", customerId);
        }
        if (customerId == null) {
            return new ShopEventApplier.Outcome("nothing: no number or e-mail to reach the customer by", null);
        }
        if (checkout.recoveryUrl() == null) {
            return new ShopEventApplier.Outcome("nothing: the checkout has no link back to the cart", customerId);
        }
        announce(c, platform, checkout, customerId);
        return new ShopEventApplier.Outcome("checkout started", customerId);
    }

    /** An order that completes a checkout: the checkout is never announced from now on. */
    public void ordered(Connection c, ShopPlatform platform, String checkoutKey, String orderId) throws SQLException {
        LOCK.transactionLock(c, platform.wire() + ":" + checkoutKey);
        try (PreparedStatement st = c.prepareStatement(ORDERED)) {
            st.setString(1, platform.wire());
            st.setString(2, checkoutKey);
            st.setString(3, orderId);
            Jdbc.setInstant(st, 4, clock.instant());
            st.executeUpdate();
        }
    }

    private void announce(Connection c, ShopPlatform platform, ShopCheckout checkout, long customerId)
            throws SQLException {
        Customer customer = Customer.findById(customerId);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("url", checkout.recoveryUrl());
        if (checkout.total() != null) {
            properties.put("total", checkout.total().toPlainString());
        }
        if (checkout.currency() != null) {
            properties.put("currency", checkout.currency());
        }
        properties.put("shop", platform.wire());
        EventService.Outcome outcome = events.record(new EventInput(customer.externalId, STARTED, null, properties));
        if (outcome instanceof EventService.Rejected rejected) {
            throw new IllegalStateException("Could not record checkout_started: " + rejected.violations());
        }
        Instant now = clock.instant();
        try (PreparedStatement st = c.prepareStatement(ANNOUNCED)) {
            Jdbc.setInstant(st, 1, now);
            st.setString(2, platform.wire());
            st.setString(3, checkout.checkoutKey());
            st.executeUpdate();
        }
    }

    private static void store(Connection c, ShopPlatform platform, ShopCheckout checkout, Long customerId)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(UPSERT)) {
            int i = 0;
            st.setString(++i, platform.wire());
            st.setString(++i, checkout.checkoutKey());
            if (customerId == null) {
                st.setNull(++i, java.sql.Types.BIGINT);
            } else {
                st.setLong(++i, customerId);
            }
            st.setString(++i, checkout.recoveryUrl());
            st.setBigDecimal(++i, checkout.total());
            st.setString(++i, checkout.currency());
            Jdbc.setInstant(st, ++i, checkout.createdAt());
            Jdbc.setInstant(st, ++i, checkout.updatedAt());
            Jdbc.setInstant(st, ++i, checkout.completedAt());
            st.executeUpdate();
        }
    }
}
